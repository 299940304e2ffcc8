/// <reference types="et-jsapi-declare" />
/**
 * The WPS add-in's main page (index.html, loaded hidden when WPS starts the add-in): where the WPS
 * host, the QD.* functions and the ribbon meet. The shim goes first, so the functions' modules find
 * the `CustomFunctions` global when they load and their `associate` calls are recorded; then the
 * functions are registered with WPS and the ribbon's callbacks put where WPS looks for them.
 *
 * src/entries/ holds the entry points that compose a host with the pane or the functions (as
 * src/taskpane/index.tsx does for Excel); nothing imports them.
 *
 * @packageDocumentation
 */
import '../hosts/wps/customFunctionsShim';
import '../functions/functions';
import { associated } from '../hosts/wps/customFunctionsShim';
import { registerWpsFunctions } from '../hosts/wps/wpsFunctions';
import { ribbonCallbacks } from '../hosts/wps/wpsRibbon';

Object.assign(
  window,
  ribbonCallbacks(
    () => window.Application,
    () => document.location.href,
  ),
);
registerWpsFunctions(window.wps, associated);
