import type { MallView, SidebarState } from '../../shared/rpc';
import { fill } from '../dom';

/**
 * The sidebar's page state, in one place: the last state the server sent, which shop form is open, and
 * the redraw the panels ask for after a change (set once by sidebar/index.ts).
 */
export const store = {
  state: undefined as unknown as SidebarState,
  /** the shop whose form is open: its name, NEW for the add form, null when all are closed */
  openShop: null as string | null,
};
export const NEW = '\u0000new';

let redraw: () => void = () => undefined;
export function setRenderer(r: () => void): void {
  redraw = r;
}
export function render(): void {
  redraw();
}

/** A sidebar string of the settings' language (the server sends the table). */
export const s = (key: string, params?: Record<string, string | number>) =>
  fill(store.state.strings[`sidebar.${key}`] ?? key, params);

export function mallOf(id: string): MallView | undefined {
  return store.state.malls.find((m) => m.id === id);
}
