/* Builds the task pane, the custom functions (with their metadata) and the command page into dist/. */
const path = require('path');
const { URL } = require('url');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { sources, Compilation } = require('webpack');
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
            compilation.errors.push(new (require('webpack').WebpackError)(String(e && e.message)));
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
