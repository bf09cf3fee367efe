import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify, transformWithOxc, type Plugin, type Rolldown } from 'vite';
import { defineConfig } from 'vitest/config';

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

// Precompressed copies (.gz and .br) next to every text asset, made once at build time:
// whitenoise serves the smallest one the browser accepts, in `dev.py run` and in production
// alike, so no request pays for compression.
function precompress(): Plugin {
  return {
    name: 'linli-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const path of walk('dist')) {
        if (!COMPRESSIBLE.test(path)) continue;
        const raw = readFileSync(path);
        if (raw.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          }),
        );
      }
    },
  };
}

// index.html's first script (src/boot.ts, inlined): it starts the session's reads and, on a
// logged-in address, the logged-in frame's code (and on the home the home's) as soon as the
// HTML is parsed, instead of when main.tsx runs a second or more later on a slow phone. The
// file lists come from the bundle: the chunks holding these modules and what they import,
// less what index.html preloads already.
const BOOT_MODULES = {
  frame: [/[\\/]src[\\/]app[\\/]AppLayout\.tsx$/],
  home: [/[\\/]src[\\/]features[\\/]home[\\/](HomePage|ResidentHome)\.tsx$/],
};

function bootScript(): Plugin {
  let base = '/';
  return {
    name: 'linli-boot',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const chunks = Object.values((ctx.bundle ?? {}) as Rolldown.OutputBundle).filter(
          (c): c is Rolldown.OutputChunk => c.type === 'chunk',
        );
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const withImports = (roots: Rolldown.OutputChunk[], into = new Set<string>()) => {
          const visit = (chunk: Rolldown.OutputChunk | undefined) => {
            if (!chunk || into.has(chunk.fileName)) return;
            into.add(chunk.fileName);
            chunk.imports.forEach((name) => visit(byName.get(name)));
          };
          roots.forEach(visit);
          return into;
        };
        const holding = (tests: RegExp[]) => chunks.filter((c) => c.moduleIds.some((id) => tests.some((t) => t.test(id))));
        const loaded = withImports(chunks.filter((c) => c.isEntry));
        if (process.env.LINLI_CHUNKS) {
          writeFileSync(
            process.env.LINLI_CHUNKS,
            JSON.stringify(
              chunks.map((c) => ({
                file: c.fileName,
                modules: c.moduleIds,
                imports: c.imports,
                dyn: c.dynamicImports,
                size: c.code.length,
              })),
              null,
              1,
            ),
          );
        }
        const frame = [...withImports(holding(BOOT_MODULES.frame))].filter((f) => !loaded.has(f));
        const home = [...withImports(holding(BOOT_MODULES.home))].filter((f) => !loaded.has(f) && !frame.includes(f));
        const source = readFileSync(join(import.meta.dirname, 'src', 'boot.ts'), 'utf-8');
        const { code } = await transformWithOxc(source, 'boot.ts', { lang: 'ts' });
        const files = { frame: frame.map((f) => base + f), home: home.map((f) => base + f) };
        const script = `(function(){${code.replace(/^export /gm, '')}\nboot(window, ${JSON.stringify(files)});})();`;
        const small = ctx.bundle ? (await minify('boot.js', script)).code : script;
        // right after <meta charset>, before the module script and its preloads
        return html.replace(/<!-- linli:boot .*?-->/, () => `<script>${small.trim()}</script>`);
      },
    },
  };
}

// A module is never split between chunks, so a file whose exports are needed at different
// times is imported twice under two ids, each copy keeping (after tree-shaking) only what its
// importer uses:
// * every feature's messages.ts holds both languages (`fooZh`, `fooEn`): the English dictionary
//   (src/i18n/en.ts, loaded only when English is chosen) imports `messages.ts?lang=en`, so the
//   first download keeps only the Chinese half and the lazy English chunk only the English one;
// * every feature's routes.tsx holds its routes and its menu entries (with their icons): the
//   menu (src/app/menu.tsx, loaded with the side menu) imports `routes.tsx?part=nav`, so the
//   route table in the first download carries no menu icons;
// * an icon's drawing (@ant-design/icons-svg) that the plain screens draw and antd's core uses
//   too (`?plain`): otherwise the plain screen imports antd's core chunk for it.
const COPIES: { importer: RegExp; source: RegExp; query: string }[] = [
  { importer: /[\\/]src[\\/]i18n[\\/]en\.ts$/, source: /(^|\/)(messages|errorCodes)$/, query: 'lang=en' },
  { importer: /[\\/]src[\\/]app[\\/]menu\.tsx$/, source: /\/features\/[^/]+\/routes$/, query: 'part=nav' },
];

function importedApart(): Plugin {
  return {
    name: 'linli-imported-apart',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      // antd's Card imports Tabs for `tabList`, which no screen uses (src/app/stubs/NoCardTabs.tsx).
      if (source === '../tabs' && importer && /[\\/]antd[\\/]es[\\/]card[\\/]Card\.js$/.test(importer)) {
        return this.resolve('/src/app/stubs/NoCardTabs.tsx', undefined, { skipSelf: true });
      }
      // antd's own icons (its alert's, its typography's...) live in antd's core chunk; the plain
      // screens' copies of the same drawings stay with them (src/app/plain/PlainIcon.tsx).
      if (source.startsWith('@ant-design/icons-svg/') && importer && /[\\/]src[\\/]/.test(importer)) {
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        return resolved ? `${resolved.id}?plain` : null;
      }
      const copy = importer && COPIES.find((c) => c.importer.test(importer) && c.source.test(source));
      if (!copy) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? `${resolved.id}?${copy.query}` : null;
    },
  };
}

const ANTD =
  /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|dayjs|stylis|@babel[\\/]runtime|clsx|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|json2mq|string-convert|is-mobile)[\\/]/;

const ANTD_CORE =
  /node_modules[\\/](antd[\\/]es[\\/](config-provider|app|_util|theme|locale|style|message|notification|modal|button|space|grid|flex|watermark|version|form[\\/]context|typography)[\\/]|antd[\\/]es[\\/][^\\/]+\.js$|antd[\\/]locale|@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color|react-slick)|@rc-component[\\/](util|motion|resize-observer|portal|trigger|dialog|notification)|@emotion|stylis|@babel[\\/]runtime|clsx|dayjs[\\/]dayjs|dayjs[\\/]locale[\\/]zh-cn)/;

const SHELL = new RegExp(
  [
    String.raw`[\/]src[\/]api[\/](client|boot|formErrors)\.ts$`,
    String.raw`[\/]src[\/]i18n[\/](index|locale|format|zh-CN|errorCodes)\.tsx?$`,
    String.raw`[\/]src[\/]features[\/]\w+[\/]messages\.ts$`,
    String.raw`[\/]src[\/]app[\/](errors|tokens|useDocumentTitle|PreferenceControls|lazyPage)\.tsx?$`,
    String.raw`[\/]src[\/]app[\/]plain[\/](index|PlainIcon)\.tsx$`,
    String.raw`[\/]src[\/]features[\/](complaints[\/]clientKey|support[\/]SupportBanner)\.tsx?$`,
    String.raw`[\/]@ant-design[\/]icons-svg[\/]es[\/]asn[\/](FontSizeOutlined|GlobalOutlined)\.js\?plain$`,
    String.raw`node_modules[\/](intl-messageformat|@formatjs)[\/]`,
    String.raw`^\x00?vite[\/]preload-helper`,
  ].join('|'),
);

const RESIDENT = new RegExp(
  [
    String.raw`[\\/]src[\\/]app[\\/]AppLayout\.tsx$`,
    String.raw`[\\/]src[\\/]app[\\/]plain[\\/](parts|controls|toast)\.tsx$`,
    String.raw`[\\/]src[\\/]features[\\/]home[\\/](HomePage|ResidentHome|EstateDigestCard|queries)\.tsx?$`,
    String.raw`[\\/]src[\\/]features[\\/](notices|scoring|notifications|billing|estates)[\\/]api\.ts$`,
    String.raw`[\\/]src[\\/]features[\\/](notices[\\/]NoticesCard|scoring[\\/]ScoringHomeCard)\.tsx$`,
    String.raw`[\\/]src[\\/]features[\\/](notifications[\\/]NotificationBell|billing[\\/]BillingBanner)\.tsx$`,
    String.raw`[\\/]src[\\/]features[\\/]complaints[\\/](SubmitPage|BigChoice|PhotoPicker|ui|api|types|submit[\\/]\w+)\.tsx?$`,
    String.raw`[\\/]@ant-design[\\/]icons-svg[\\/]es[\\/]asn[\\/](?!FontSizeOutlined|GlobalOutlined)\w+\.js\?plain$`,
  ].join('|'),
);

// Django serves dist/index.html for every non-API path and the files under
// /static/ (whitenoise), so every asset URL is built under /static/. The dev
// server (`npm run dev`) serves the app at / and proxies /api to Django.
export default defineConfig(({ command, mode }) => ({
  base: command === 'build' ? '/static/' : '/',
  plugins: [react(), importedApart(), bootScript(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd's vendor chunk is large by nature; the route chunks stay small.
    chunkSizeWarningLimit: 900,
    // One stylesheet for the whole app (~10 kB, ~3 kB compressed) in index.html: a phone asks
    // once, instead of once more for each screen's few hundred bytes on its way to the screen.
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react-vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
              priority: 30,
            },
            {
              // What the first download needs besides React and the entry, in one file: the API
              // client, the i18n runtime and Chinese catalogue, the message formatter, and the
              // small modules the login page and the logged-in frame share (plain controls,
              // icons, preferences...). Each was its own file of a few hundred bytes: on a phone
              // each file is a round trip, and HTTP/1.1 fetches six at a time.
              name: 'shell',
              test: SHELL,
              priority: 25,
            },
            {
              // The part of antd every antd screen needs (src/app/AntdScope.tsx: theme, locale,
              // App's message/modal, buttons...), loaded only below `WithAntd`; the rest (forms,
              // tables, steps...) is split with the routes that use it.
              name: 'antd-vendor',
              test: ANTD_CORE,
              priority: 20,
            },
            {
              name: 'vendor',
              test: (id: string) => /node_modules[\\/]/.test(id) && !ANTD.test(id),
              priority: 10,
            },
            {
              // The resident's logged-in path in plain markup (the frame, the home and its cards,
              // the request form) and the small modules they share, in one file: on a phone each
              // file is a round trip, and this path was ~20 files of a few hundred bytes each.
              // Not what the login page shares (src/app/plain/index.tsx, PreferenceControls,
              // useDocumentTitle...): the login page would load this chunk too.
              name: 'resident',
              test: RESIDENT,
              // only these modules: what they import (i18n, the API client...) stays where it was
              includeDependenciesRecursively: false,
              priority: 5,
            },
          ],
        },
      },
    },
  },
  server: {
    // Tests may read the server's sources (src/app/errors.test.ts checks every API error code).
    ...(mode === 'test' ? { fs: { allow: ['..'] } } : {}),
    // `npm run dev` proxies the API to a local Django (same-origin cookies).
    proxy: {
      '/api': { target: 'http://localhost:8000', changeOrigin: false },
    },
  },
  test: {
    environment: 'happy-dom',
    globals: true,
    setupFiles: ['./src/test/setup.ts', './src/i18n/testSetup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20000,
  },
}));
