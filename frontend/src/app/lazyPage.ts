/**
 * `React.lazy` that does not suspend once its module is there. `lazy()` always suspends on its
 * first render, even when the chunk was fetched long before (main.tsx starts the resident's
 * path early), and React then shows the fallback and reveals the content no sooner than 300 ms
 * after it (its fallback throttle): on the home's three nested lazy levels (frame, home,
 * resident's home) that cost a phone most of a second after the last byte had arrived.
 * `lazyPage(load)` keeps the module once `load()` (or `.preload()`) resolves and hands it to
 * React synchronously from then on, so the screen renders in one go.
 */
import { lazy, type ComponentType } from 'react';

type Module<P> = { default: ComponentType<P> };

export type PreloadableComponent<P> = ComponentType<P> & {
  /** Fetch the module now (once; a failed fetch is tried again on the next call). */
  preload: () => Promise<Module<P>>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as React.lazy's own signature
export function lazyPage<P = any>(load: () => Promise<Module<P>>): PreloadableComponent<P> {
  let loaded: Module<P> | undefined;
  let pending: Promise<Module<P>> | undefined;
  const preload = () => {
    pending ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  // A thenable that calls back at once: React.lazy reads a module it resolved synchronously
  // without suspending.
  const Component = lazy(() =>
    loaded ? ({ then: (resolve: (m: Module<P>) => void) => resolve(loaded!) } as Promise<Module<P>>) : preload(),
  );
  return Object.assign(Component, { preload }) as unknown as PreloadableComponent<P>;
}
