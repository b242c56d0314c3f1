/**
 * PLACEHOLDER for the Channels tab of the Alerts page, until the notification channels UI lands
 * (webhook, Alertmanager, Slack; `/api/alerts/channels…`). Replace this file's use in
 * `alerts-tabs.tsx` with a live `AlertChannelsView` (list, create, test notification, delivery log).
 */
export function AlertChannelsPlaceholder() {
  return (
    <div
      className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700"
      data-placeholder="channels"
    >
      <p className="font-medium text-zinc-700 dark:text-zinc-300">Notification channels are not configurable here yet.</p>
      <p className="mt-1 text-sm">
        Webhooks, Alertmanager and Slack, with a test notification and a delivery log, will be set up on this tab.
      </p>
    </div>
  );
}
