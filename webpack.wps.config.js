/*
 * Builds the WPS 表格 add-in (WPS 加载项) into dist-wps/: the main page WPS loads when it starts the
 * add-in (index.html: the ribbon's callbacks and the QD.* functions' registration), ribbon.xml with
 * the 渠道分级 tab, the pane (taskpane.html: the same React pane over the WPS host), manifest.xml
 * naming functions.json (WPS's form of the functions' metadata, in Chinese), the icons, and the
 * entries an intranet server and a user's jsaddons folder need (jsplugins.xml, publish.xml).
 *
 * WPS_BASE_URL is the address the folder is served from, e.g.
 * `WPS_BASE_URL=http://addins.corp.example/qd-wps/ npm run build:wps`; http://127.0.0.1:3889/ if unset.
 */
const path = require('path');
const { URL } = require('url');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { sources, Compilation, WebpackError } = require('webpack');
const { localizeMetadata, helpPage } = require('./scripts/localize-metadata.cjs');
const zhCn = require('./src/functions/translations.zh-cn.json');
const examples = require('./src/functions/examples.json');
const functionSources = require('./src/functions/sources.json');
const { version } = require('./package.json');

/** The add-in's name in WPS (manifest, jsplugins entries): letters only, as wpsjs requires. */
const ADDIN_NAME = 'QDChannelGrader';
const DEFAULT_BASE_URL = 'http://127.0.0.1:3889/';
/** The Excel-form metadata the generator writes, converted to WPS's functions.json and then dropped. */
const EXCEL_METADATA = 'functions.excel.json';

/** The address the add-in folder is served from, ending in '/' (http or https: intranets often serve http). */
function wpsBaseUrl(env) {
  const raw = (env && env.WPS_BASE_URL) || process.env.WPS_BASE_URL || DEFAULT_BASE_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`WPS_BASE_URL "${raw}" is not a URL; give the address the dist-wps folder is served from`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new Error(`WPS_BASE_URL "${raw}" must be a plain http(s) address`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** A parameter's or result's type as WPS's functions.json says it: any, string, number, bool, T[][]; optional with '?'. */
function wpsType(p) {
  const base = { boolean: 'bool', number: 'number', string: 'string' }[p.type] || 'any';
  return `${base}${p.dimensionality === 'matrix' ? '[][]' : ''}${p.optional ? '?' : ''}`;
}

/**
 * WPS's functions.json (the form the wpsjs toolkit's functionsScanner writes) from the Excel metadata
 * the generator makes out of the functions' TSDoc: the same names, Chinese descriptions from the
 * translation table (every function and parameter must have one).
 */
function wpsFunctionsJson(excelMetadata, table) {
  const zh = localizeMetadata(excelMetadata, table);
  return {
    functions: zh.functions.map((f) => ({
      name: f.id,
      description: f.description,
      parameters: f.parameters.map((p) => ({ name: p.name, description: p.description, type: wpsType(p) })),
      result: { type: wpsType({ type: f.result.type, dimensionality: f.result.dimensionality }) },
    })),
  };
}

const xmlAttr = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * jsplugins.xml, for central deployment: WPS clients whose oem.ini names it ([Server] JSPluginsServer)
 * load the add-in online from `base`.
 */
function jspluginsXml(base) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  <jspluginonline name="${ADDIN_NAME}" type="et" url="${xmlAttr(base)}" />
</jsplugins>
`;
}

/**
 * publish.xml entries for a user's jsaddons folder: online from `base`, or offline from the folder
 * `QDChannelGrader_<version>` copied beside it (as wpsjs's offline package installs it).
 */
function publishXml(base, offline) {
  const entry = offline
    ? `<jsplugin name="${ADDIN_NAME}" type="et" url="${ADDIN_NAME}_${xmlAttr(version)}" version="${xmlAttr(version)}" enable="enable_dev" install="null" />`
    : `<jspluginonline name="${ADDIN_NAME}" type="et" url="${xmlAttr(base)}" enable="enable_dev" install="null" />`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  ${entry}
</jsplugins>
`;
}

/** Turns the generated Excel metadata into WPS's functions.json and writes the deployment entries. */
class WpsAddinFilesPlugin {
  constructor(base) {
    this.base = base;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('WpsAddinFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'WpsAddinFilesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset(EXCEL_METADATA);
          if (!asset) {
            compilation.errors.push(new WebpackError(`${EXCEL_METADATA} was not generated`));
            return;
          }
          try {
            const metadata = JSON.parse(asset.source.source().toString());
            const wps = wpsFunctionsJson(metadata, zhCn);
            compilation.emitAsset('functions.json', new sources.RawSource(JSON.stringify(wps, null, 2)));
            compilation.deleteAsset(EXCEL_METADATA);
            // The pane links to help.html beside it, as in Excel: every function with a worked example.
            compilation.emitAsset('help.html', new sources.RawSource(helpPage(metadata, zhCn, examples)));
            compilation.emitAsset('jsplugins.xml', new sources.RawSource(jspluginsXml(this.base)));
            compilation.emitAsset('publish.xml', new sources.RawSource(publishXml(this.base, false)));
            compilation.emitAsset('offline/publish.xml', new sources.RawSource(publishXml(this.base, true)));
          } catch (e) {
            compilation.errors.push(new WebpackError(String(e && e.message)));
          }
        },
      );
    });
  }
}

const config = (env, options) => {
  const dev = options.mode === 'development';
  const base = wpsBaseUrl(env);
  return {
    devtool: dev ? 'source-map' : false,
    // WPS's embedded Chromium (CEF) can be older than Edge's: nothing newer than ES2020 (the core's
    // fingerprints need BigInt, ES2020; the functions need WPS 12.1.0.20540 or later anyway).
    target: ['web', 'es2020'],
    entry: {
      main: './src/entries/wpsAddin.ts',
      taskpane: './src/entries/wpsTaskpane.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist-wps'),
      filename: '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.m?js$/,
          include: /node_modules/,
          use: { loader: path.resolve(__dirname, 'src/hosts/wps/build/es2020Loader.cjs') },
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              // A separate instance: webpack.config.js's ts-loader options differ.
              instance: 'wps',
              compilerOptions: { module: 'ESNext', target: 'ES2020', noEmit: false },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: functionSources, output: EXCEL_METADATA }),
      new WpsAddinFilesPlugin(base),
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './src/hosts/wps/static/index.html',
        chunks: ['main'],
      }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/hosts/wps/static/taskpane.html',
        chunks: ['taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'src/hosts/wps/static/ribbon.xml', to: 'ribbon.xml' },
          { from: 'src/hosts/wps/static/manifest.xml', to: 'manifest.xml' },
        ],
      }),
    ],
    performance: { maxAssetSize: 2_000_000, maxEntrypointSize: 2_000_000 },
  };
};

module.exports = config;
module.exports.wpsBaseUrl = wpsBaseUrl;
module.exports.wpsFunctionsJson = wpsFunctionsJson;
module.exports.ADDIN_NAME = ADDIN_NAME;
