/// <reference types="et-jsapi-declare" />
/**
 * The add-in's main page in WPS 表格 (index.html, loaded hidden when WPS starts the add-in): the
 * ribbon's callbacks, named in ribbon.xml and looked up by WPS on this page's `window`, and the
 * registration of the QD.* functions. The shim goes first, so the functions' modules find the
 * `CustomFunctions` global when they load and their `associate` calls are recorded.
 *
 * @packageDocumentation
 */
import './customFunctionsShim';
import '../../functions/functions';
import { associated } from './customFunctionsShim';
import { registerWpsFunctions } from './wpsFunctions';

/** The ribbon button that opens the pane (ribbon.xml). */
export const OPEN_PANE_BUTTON = 'qdOpenPane';
/** Where the pane's id is kept between clicks: PluginStorage lives as long as WPS runs, which is what a pane needs. */
const PANE_ID_KEY = 'qd.taskpane.id';
/** msoCTPDockPositionRight: ET's enumerations are types only. */
const DOCK_RIGHT = 2 as Kso.MsoCTPDockPosition;

/** This page's folder URL (online: the intranet address; offline: the jsaddons folder). */
function baseUrl(): string {
  const href = decodeURI(document.location.href);
  return href.slice(0, href.lastIndexOf('/'));
}

/** Shows the pane, creating it the first time; a second click hides it. */
export function togglePane(app: WPS.AddonRoot): void {
  const id = Number(app.PluginStorage.getItem(PANE_ID_KEY));
  if (id) {
    const pane = app.GetTaskPane(id);
    pane.Visible = !pane.Visible;
    return;
  }
  const pane = app.CreateTaskPane(`${baseUrl()}/taskpane.html`, '渠道分级 · QD Channel Grader');
  pane.DockPosition = DOCK_RIGHT;
  app.PluginStorage.setItem(PANE_ID_KEY, pane.ID);
  pane.Visible = true;
}

interface RibbonControl {
  readonly Id: string;
}

/** The callbacks ribbon.xml names, on `window` where WPS looks for them. */
const callbacks = {
  OnAddinLoad: (ribbonUI: WPS.RibbonUi): boolean => {
    const app = window.Application as unknown as { ribbonUI?: WPS.RibbonUi };
    if (typeof app.ribbonUI !== 'object') app.ribbonUI = ribbonUI;
    return true;
  },
  OnAction: (control: RibbonControl): boolean => {
    if (control.Id === OPEN_PANE_BUTTON) togglePane(window.Application);
    return true;
  },
  GetImage: (): string => 'assets/icon-32.png',
};
Object.assign(window, callbacks);

registerWpsFunctions(window.wps, associated);
