import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazyPage';

function Ready({ word }: { word: string }) {
  return <p>{word}</p>;
}

describe('lazyPage', () => {
  it('renders a preloaded screen at once, without the fallback', async () => {
    const Page = lazyPage(() => Promise.resolve({ default: Ready }));
    await Page.preload();
    render(
      <Suspense fallback={<p>waiting</p>}>
        <Page word="ready" />
      </Suspense>,
    );
    expect(screen.getByText('ready')).toBeTruthy();
    expect(screen.queryByText('waiting')).toBeNull();
  });

  it('suspends like React.lazy while the module is on its way, and loads it once', async () => {
    let loads = 0;
    const Page = lazyPage(() => {
      loads += 1;
      return Promise.resolve({ default: Ready });
    });
    render(
      <Suspense fallback={<p>waiting</p>}>
        <Page word="ready" />
      </Suspense>,
    );
    expect(screen.getByText('waiting')).toBeTruthy();
    expect(await screen.findByText('ready')).toBeTruthy();
    await Page.preload();
    expect(loads).toBe(1);
  });

  it('tries a failed load again', async () => {
    let loads = 0;
    const Page = lazyPage(() => {
      loads += 1;
      return loads === 1 ? Promise.reject(new Error('offline')) : Promise.resolve({ default: Ready });
    });
    await expect(Page.preload()).rejects.toThrow('offline');
    await Page.preload();
    expect(loads).toBe(2);
  });
});
