import type { FieldIssue, SidebarState } from '../../shared/rpc';
import { setIssues } from './fields';
import { render, s, store } from './store';

/** What every button of the sidebar shares: the busy state, the save round trip, the toast. */

export async function busy<T>(btn: HTMLButtonElement, label: string, work: () => Promise<T>): Promise<T> {
  const text = btn.textContent;
  btn.disabled = true;
  btn.textContent = label;
  try {
    return await work();
  } finally {
    btn.disabled = false;
    btn.textContent = text;
  }
}

/**
 * Every save button works alike: the button shows it is busy, the server validates, problems go next to
 * their inputs, and a successful save redraws from the fresh state the server returned.
 */
export async function submitSave(
  form: HTMLFormElement,
  action: string,
  send: () => Promise<{ saved: boolean; state: SidebarState | null; issues: FieldIssue[] }>,
  onSaved: () => void = () => undefined,
): Promise<void> {
  const btn = form.querySelector(`[data-action="${action}"]`) as HTMLButtonElement;
  try {
    const res = await busy(btn, s('saving'), send);
    if (!res.saved || !res.state) return setIssues(form, res.issues);
    onSaved();
    store.state = res.state;
    render();
    toast(s('saved'));
  } catch (err) {
    setIssues(form, [{ field: '', message: (err as Error).message }]);
  }
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(text: string, error = false): void {
  const el = document.getElementById('toast') as HTMLElement;
  el.textContent = text;
  el.className = `toast show${error ? ' toast-error' : ''}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.className = 'toast'), 2500);
}
