import type { Page } from "playwright-core";

/** One user action: pick `value` in the select labelled `select`, or click the `click` element whose text starts with `text`. */
export type QuickStep = { select: string; value: string } | { click: string; text: string };

/**
 * Takes the steps in the page a microtask apart: sooner than any render could follow one, as a
 * fast user on a busy machine does. A page that builds each change on what it rendered last loses
 * the earlier ones; a page that remembers what was asked keeps them all.
 */
export function quickSteps(page: Page, steps: QuickStep[]): Promise<void> {
  return page.evaluate(async (steps) => {
    for (const step of steps) {
      if ("select" in step) {
        const select = document.querySelector<HTMLSelectElement>(`select[aria-label="${step.select}"]`);
        if (!select) throw new Error(`no select labelled ${step.select}`);
        select.value = step.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      } else {
        const target = [...document.querySelectorAll<HTMLElement>(step.click)].find((e) => e.textContent?.trim().startsWith(step.text));
        if (!target) throw new Error(`no ${step.click} reading ${step.text}`);
        target.click();
      }
      await Promise.resolve();
    }
  }, steps);
}
