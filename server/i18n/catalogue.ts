import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import en_common from "@/lib/i18n/messages/en/common.json";
import en_header from "@/lib/i18n/messages/en/header.json";
import en_fleet from "@/lib/i18n/messages/en/fleet.json";
import en_host from "@/lib/i18n/messages/en/host.json";
import en_hostForms from "@/lib/i18n/messages/en/hostForms.json";
import en_chart from "@/lib/i18n/messages/en/chart.json";
import en_alerts from "@/lib/i18n/messages/en/alerts.json";
import en_auth from "@/lib/i18n/messages/en/auth.json";
import en_snapshot from "@/lib/i18n/messages/en/snapshot.json";
import en_remedies from "@/lib/i18n/messages/en/remedies.json";
import en_inventory from "@/lib/i18n/messages/en/inventory.json";
import en_hostKeys from "@/lib/i18n/messages/en/hostKeys.json";
import en_prometheus from "@/lib/i18n/messages/en/prometheus.json";
import en_ui from "@/lib/i18n/messages/en/ui.json";
import en_advice from "@/lib/i18n/messages/en/advice.json";
import en_remedy from "@/lib/i18n/messages/en/remedy.json";
import en_notify from "@/lib/i18n/messages/en/notify.json";
import en_errors from "@/lib/i18n/messages/en/errors.json";
import en_cli from "@/lib/i18n/messages/en/cli.json";
import en_pages from "@/lib/i18n/messages/en/pages.json";
import zh_common from "@/lib/i18n/messages/zh-CN/common.json";
import zh_header from "@/lib/i18n/messages/zh-CN/header.json";
import zh_fleet from "@/lib/i18n/messages/zh-CN/fleet.json";
import zh_host from "@/lib/i18n/messages/zh-CN/host.json";
import zh_hostForms from "@/lib/i18n/messages/zh-CN/hostForms.json";
import zh_chart from "@/lib/i18n/messages/zh-CN/chart.json";
import zh_alerts from "@/lib/i18n/messages/zh-CN/alerts.json";
import zh_auth from "@/lib/i18n/messages/zh-CN/auth.json";
import zh_snapshot from "@/lib/i18n/messages/zh-CN/snapshot.json";
import zh_remedies from "@/lib/i18n/messages/zh-CN/remedies.json";
import zh_inventory from "@/lib/i18n/messages/zh-CN/inventory.json";
import zh_hostKeys from "@/lib/i18n/messages/zh-CN/hostKeys.json";
import zh_prometheus from "@/lib/i18n/messages/zh-CN/prometheus.json";
import zh_ui from "@/lib/i18n/messages/zh-CN/ui.json";
import zh_advice from "@/lib/i18n/messages/zh-CN/advice.json";
import zh_remedy from "@/lib/i18n/messages/zh-CN/remedy.json";
import zh_notify from "@/lib/i18n/messages/zh-CN/notify.json";
import zh_errors from "@/lib/i18n/messages/zh-CN/errors.json";
import zh_cli from "@/lib/i18n/messages/zh-CN/cli.json";
import zh_pages from "@/lib/i18n/messages/zh-CN/pages.json";

/**
 * Every catalogue, one JSON file per namespace and language under lib/i18n/messages/. Server-only: pages
 * hand the client just the namespaces its components render (components/i18n/client-messages.tsx).
 */
const CATALOGUES = {
  en: {
    common: en_common,
    header: en_header,
    fleet: en_fleet,
    host: en_host,
    hostForms: en_hostForms,
    chart: en_chart,
    alerts: en_alerts,
    auth: en_auth,
    snapshot: en_snapshot,
    remedies: en_remedies,
    inventory: en_inventory,
    hostKeys: en_hostKeys,
    prometheus: en_prometheus,
    ui: en_ui,
    advice: en_advice,
    remedy: en_remedy,
    notify: en_notify,
    errors: en_errors,
    cli: en_cli,
    pages: en_pages,
  },
  "zh-CN": {
    common: zh_common,
    header: zh_header,
    fleet: zh_fleet,
    host: zh_host,
    hostForms: zh_hostForms,
    chart: zh_chart,
    alerts: zh_alerts,
    auth: zh_auth,
    snapshot: zh_snapshot,
    remedies: zh_remedies,
    inventory: zh_inventory,
    hostKeys: zh_hostKeys,
    prometheus: zh_prometheus,
    ui: zh_ui,
    advice: zh_advice,
    remedy: zh_remedy,
    notify: zh_notify,
    errors: zh_errors,
    cli: zh_cli,
    pages: zh_pages,
  },
} as const;

export type Messages = (typeof CATALOGUES)["en"];

export const messagesFor = (locale: Locale): Messages => CATALOGUES[locale] as Messages;
