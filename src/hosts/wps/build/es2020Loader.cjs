/*
 * A webpack loader for the WPS build: lowers the libraries' JavaScript (React, Fluent UI) to ES2020
 * with esbuild, as WPS's embedded Chromium may be older than the Edge WebView Excel uses (static
 * class blocks, `??=`). Our own TypeScript is lowered by ts-loader.
 */
'use strict';
const { transformSync } = require('esbuild');

module.exports = function es2020Loader(source) {
  const result = transformSync(source, { loader: 'js', target: 'es2020', sourcefile: this.resourcePath });
  return result.code;
};
