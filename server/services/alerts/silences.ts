import "server-only";
import type { SilenceDto } from "@/lib/alerts/dto";
import { silenceTooLong, type Silence, type SilenceCreateInput } from "@/lib/alerts/silence";
import { recordAudit } from "../../db/audit";
import { currentSilences, endSilence, getSilence, insertSilence, pastSilences } from "../../db/silences";
import { errors, thing } from "../../errors";
import { msg } from "@/lib/i18n/message";
import type { AppContext } from "../../context";

const toDto = (s: Silence, now: number): SilenceDto => ({ ...s, active: s.startsAt <= now && now < s.endsAt });

/** Silences in force or to come, then the 50 that ended last. */
export async function listSilences({ db }: AppContext, now = Date.now()): Promise<{ current: SilenceDto[]; past: SilenceDto[] }> {
  return {
    current: (await currentSilences(db, now)).map((s) => toDto(s, now)),
    past: (await pastSilences(db, now)).map((s) => toDto(s, now)),
  };
}

export async function createSilence(ctx: AppContext, input: SilenceCreateInput, actor: string, now = Date.now()): Promise<SilenceDto> {
  const startsAt = input.startsAt ?? now;
  if (input.endsAt <= now) throw errors.badRequest(msg("errors.endsAtPast"));
  if (silenceTooLong(input.endsAt, now)) throw errors.badRequest(msg("errors.silenceTooLong"));
  const id = await insertSilence(ctx.db, { ...input, startsAt, createdBy: actor, createdAt: now });
  await recordAudit(ctx.db, actor, "alert-silence.add", `${input.matcher}:${input.value}`, {
    id,
    startsAt,
    endsAt: input.endsAt,
    reason: input.reason,
  });
  ctx.alerts.settingsChanged();
  return toDto((await getSilence(ctx.db, id))!, now);
}

/** Ends a silence now; alerts it muted that still fire are notified at their next evaluation. */
export async function expireSilence(ctx: AppContext, id: number, actor: string, now = Date.now()): Promise<void> {
  const s = await getSilence(ctx.db, id);
  if (!s) throw errors.notFound(thing("silence", id));
  if (!(await endSilence(ctx.db, id, now))) throw errors.conflict(msg("errors.silenceEnded", { id: String(id) }));
  await recordAudit(ctx.db, actor, "alert-silence.end", `${s.matcher}:${s.value}`, { id });
  ctx.alerts.settingsChanged();
}
