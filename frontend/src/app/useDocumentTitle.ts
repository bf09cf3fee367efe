import { useEffect } from 'react';

/** Sets the browser tab's title while the screen is shown. */
export function useDocumentTitle(title: string, suffix = '邻里 Linli'): void {
  useEffect(() => {
    const previous = document.title;
    document.title = title ? `${title} · ${suffix}` : suffix;
    return () => {
      document.title = previous;
    };
  }, [title, suffix]);
}
