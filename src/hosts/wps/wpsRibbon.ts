/// <reference types="et-jsapi-declare" />
/**
 * The ribbon's callbacks in WPS 表格: ribbon.xml names them, and WPS looks them up on the main
 * page's `window`. The 渠道分级 tab's button shows the pane, creating it the first time.
 *
 * @packageDocumentation
 */

/** The ribbon button that opens the pane (ribbon.xml). */
export const OPEN_PANE_BUTTON = 'qdOpenPane';
/** Where the pane's id is kept between clicks: PluginStorage lives as long as WPS runs, which is what a pane needs. */
const PANE_ID_KEY = 'qd.taskpane.id';
/** msoCTPDockPositionRight: ET's enumerations are types only. */
const DOCK_RIGHT = 2 as Kso.MsoCTPDockPosition;

/** The folder URL of a page (online: the intranet address; offline: the jsaddons folder). */
export function folderUrl(href: string): string {
  const decoded = decodeURI(href);
  return decoded.slice(0, decoded.lastIndexOf('/'));
}

/** Shows the pane, creating it the first time; a second click hides it. */
export function togglePane(app: WPS.AddonRoot, pageHref: string): void {
  const id = Number(app.PluginStorage.getItem(PANE_ID_KEY));
  if (id) {
    const pane = app.GetTaskPane(id);
    pane.Visible = !pane.Visible;
    return;
  }
  const pane = app.CreateTaskPane(`${folderUrl(pageHref)}/taskpane.html`, '渠道分级 · QD Channel Grader');
  pane.DockPosition = DOCK_RIGHT;
  app.PluginStorage.setItem(PANE_ID_KEY, pane.ID);
  pane.Visible = true;
}

/** A ribbon control as WPS hands it to a callback. */
export interface RibbonControl {
  readonly Id: string;
}

/** The callbacks ribbon.xml names, over WPS's global `Application` and the main page's address. */
export function ribbonCallbacks(
  app: () => WPS.AddonRoot & { ribbonUI?: WPS.RibbonUi },
  pageHref: () => string,
): {
  OnAddinLoad(ribbonUI: WPS.RibbonUi): boolean;
  OnAction(control: RibbonControl): boolean;
  GetImage(control: RibbonControl): string;
} {
  return {
    OnAddinLoad: (ribbonUI) => {
      const a = app();
      if (typeof a.ribbonUI !== 'object') a.ribbonUI = ribbonUI;
      return true;
    },
    OnAction: (control) => {
      if (control.Id === OPEN_PANE_BUTTON) togglePane(app(), pageHref());
      return true;
    },
    GetImage: () => 'assets/icon-32.png',
  };
}
