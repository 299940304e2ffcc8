/* Builds the task pane, the custom functions (with their metadata) and the command page into dist/. */
const path = require('path');
const { URL } = require('url');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const esbuild = require('esbuild');
const { sources, Compilation, WebpackError } = require('webpack');
const { localizeMetadata, helpPage } = require('./scripts/localize-metadata.cjs');
const zhCn = require('./src/functions/translations.zh-cn.json');
const examples = require('./src/functions/examples.json');
const functionSources = require('./src/functions/sources.json');

/** Where the add-in is served from during development; the manifest and the metadata name it. */
const DEV_BASE_URL = 'https://localhost:3000';

/**
 * The origin (and path) the add-in is published at: ADDIN_BASE_URL at build time, e.g.
 * `ADDIN_BASE_URL=https://addins.example.com/qd npm run build`; https://localhost:3000 if unset.
 */
function baseUrl(env) {
  const raw = (env && env.ADDIN_BASE_URL) || process.env.ADDIN_BASE_URL || DEV_BASE_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_BASE_URL "${raw}" is not a URL; give the https address the add-in is published at`);
  }
  if (url.protocol !== 'https:' || url.search || url.hash) {
    throw new Error(`ADDIN_BASE_URL "${raw}" must be a plain https address (Office loads add-ins over https only)`);
  }
  return url.href.replace(/\/+$/, '');
}

/** Every development URL in a text (the manifest, the metadata) moved to the published base URL. */
function rebase(text, base) {
  return text.split(DEV_BASE_URL).join(base);
}

/**
 * The functions metadata as Excel should read it: error values allowed as inputs to every `any`
 * parameter (the generator cannot say so; RULES.md §11: one #N/A must not lose a whole column), and
 * the help URLs at the published base.
 */
function finishMetadata(metadata, base) {
  return JSON.parse(rebase(JSON.stringify({ allowErrorForDataTypeAny: true, ...metadata }), base));
}

/**
 * Finishes the functions.json that the metadata plugin emits (`finishMetadata`) and emits
 * functions-zh-cn.json and help.html from it.
 */
class LocalizedMetadataPlugin {
  constructor(base) {
    this.base = base;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('LocalizedMetadataPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'LocalizedMetadataPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset('functions.json');
          if (!asset) return;
          try {
            const metadata = finishMetadata(JSON.parse(asset.source.source().toString()), this.base);
            compilation.updateAsset('functions.json', new sources.RawSource(JSON.stringify(metadata, null, 2)));
            const zh = localizeMetadata(metadata, zhCn);
            compilation.emitAsset('functions-zh-cn.json', new sources.RawSource(JSON.stringify(zh, null, 2)));
            compilation.emitAsset('help.html', new sources.RawSource(helpPage(metadata, zhCn, examples)));
          } catch (e) {
            compilation.errors.push(new WebpackError(String(e && e.message)));
          }
        },
      );
    });
  }
}

/**
 * The ECMAScript edition of the JavaScript-only custom-functions runtime (Office 2021 and other
 * perpetual/volume-licensed Office, Windows builds before the shared runtime's WebView2): its
 * engine reads ES2016 and has none of the web platform. docs/functions-runtime.md says why the
 * functions run there.
 */
const FUNCTIONS_TARGET = 'es2016';

/**
 * Object.getOwnPropertyDescriptors (ES2017), which esbuild's lowering of object spread reads when the
 * bundle starts — so it goes first, before src/functions/es2016Runtime.ts, which defines the other
 * newer library functions the code calls. Defined only where the engine lacks it.
 */
const DESCRIPTORS_BANNER = `(function () {
  if (Object.getOwnPropertyDescriptors) return;
  Object.defineProperty(Object, 'getOwnPropertyDescriptors', {
    configurable: true,
    writable: true,
    value: function (o) {
      var out = {};
      Object.getOwnPropertyNames(o)
        .concat(Object.getOwnPropertySymbols(o))
        .forEach(function (k) {
          out[k] = Object.getOwnPropertyDescriptor(o, k);
        });
      return out;
    },
  });
})();`;

/**
 * Lowers the functions bundle to ES2016 syntax with esbuild, after webpack has bundled it and before
 * it is minified: class fields, `??`, `?.`, object spread, async functions and exponent operators
 * become ES2016. A construct that cannot be lowered (a BigInt literal, a newer regular expression)
 * fails the build instead of failing in Excel. The pane's bundle is left as it is (it runs in a
 * browser control that reads current JavaScript).
 */
class LowerFunctionsBundlePlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('LowerFunctionsBundlePlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'LowerFunctionsBundlePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY },
        () => {
          const asset = compilation.getAsset('functions.js');
          if (!asset) return;
          try {
            const { code } = esbuild.transformSync(asset.source.source().toString(), {
              loader: 'js',
              target: FUNCTIONS_TARGET,
              banner: DESCRIPTORS_BANNER,
              logLevel: 'silent',
              logOverride: { bigint: 'error', 'unsupported-regexp': 'error' },
            });
            compilation.updateAsset('functions.js', new sources.RawSource(code));
          } catch (e) {
            const errors = (e && e.errors) || [];
            const said = errors.map(
              (x) => `${x.text}${x.location ? ` (${x.location.lineText.trim().slice(0, 120)})` : ''}`,
            );
            compilation.errors.push(
              new WebpackError(
                `functions.js cannot be lowered to ${FUNCTIONS_TARGET} for the JavaScript-only custom-functions runtime: ${
                  said.join('; ') || String(e && e.message)
                }`,
              ),
            );
          }
        },
      );
    });
  }
}

async function httpsOptions() {
  // Only the dev server needs certificates; office-addin-dev-certs makes and trusts them locally.
  const devCerts = require('office-addin-dev-certs');
  const o = await devCerts.getHttpsServerOptions();
  return { ca: o.ca, key: o.key, cert: o.cert };
}

const config = async (env, options) => {
  const dev = options.mode === 'development';
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const base = baseUrl(env);
  return {
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      commands: './src/taskpane/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { module: 'ESNext', noEmit: false } },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: functionSources, output: 'functions.json' }),
      new LocalizedMetadataPlugin(base),
      new LowerFunctionsBundlePlugin(),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'functions.html',
        template: './src/functions/functions.html',
        chunks: ['functions'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/taskpane/commands.html',
        chunks: ['commands'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          // The manifest's SupportUrl: help and troubleshooting in both languages.
          { from: 'docs/support.html', to: 'support.html' },
          { from: 'manifest.xml', transform: (content) => rebase(content.toString(), base) },
        ],
      }),
    ],
    performance: { maxAssetSize: 2_000_000, maxEntrypointSize: 2_000_000 },
    devServer: serving
      ? {
          static: { directory: path.resolve(__dirname, 'dist') },
          headers: { 'Access-Control-Allow-Origin': '*' },
          server: { type: 'https', options: await httpsOptions() },
          port: 3000,
        }
      : undefined,
  };
};

module.exports = config;
module.exports.baseUrl = baseUrl;
module.exports.finishMetadata = finishMetadata;
module.exports.FUNCTIONS_TARGET = FUNCTIONS_TARGET;
