import { z } from "zod";

/** A scrape token as the API lists it: never the token or its hash. */
export interface MetricsTokenDto {
  id: number;
  name: string;
  createdBy: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** The answer to creating one: the only time the token itself is shown. */
export interface MetricsTokenCreatedDto extends MetricsTokenDto {
  token: string;
}

export const metricsTokenCreateSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w.@-]+$/, "letters, digits and . _ - @ only"),
  })
  .strict();
