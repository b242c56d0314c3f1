import "server-only";
import type { AppContext } from "../context";

/**
 * Makes this process a collector: it joins the others on the database (and takes the hosts that are its own),
 * then polls them, evaluates their alert rules after each poll, and sends notices while it holds that duty.
 */
export async function startCollecting(ctx: AppContext): Promise<void> {
  const { collector, config } = ctx;
  await collector.start();
  ctx.poller.start();
  ctx.alerts.start();
  ctx.notifier.start();
  const zone = collector.zone === null ? "hosts without a zone" : `zone ${collector.zone}`;
  console.log(
    `twscope: collector ${collector.name} (${zone}) polling every ${config.pollIntervalMs / 1000} s, ${config.pollConcurrency} at a time`,
  );
}
