"use client";

import { useQuery } from "@tanstack/react-query";
import { fleetFindingsQuery } from "@/lib/api-client";
import { FleetFindingsList, type AgeOf } from "./fleet-findings-list";

/** Which findings affect how many hosts, kept live. */
export function FleetFindingsListView({ ageOf }: { ageOf: AgeOf }) {
  const { data } = useQuery(fleetFindingsQuery());
  return data ? <FleetFindingsList findings={data.findings} ageOf={ageOf} /> : null;
}
