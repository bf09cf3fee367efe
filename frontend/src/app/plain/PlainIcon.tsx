/**
 * An antd icon's drawing (@ant-design/icons-svg, the data @ant-design/icons draws from)
 * as a bare <svg>: the same look without the icon library's runtime on a resident's phone.
 */
import { createElement, type ReactNode } from 'react';
import type { AbstractNode, IconDefinition } from '@ant-design/icons-svg/es/types';

/** React's names for the drawing's attributes (`fill-rule` is `fillRule`). */
function props(attrs: AbstractNode['attrs']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attrs).map(([name, value]) => [name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), value]),
  );
}

function draw(node: AbstractNode, key?: number): ReactNode {
  return createElement(
    node.tag,
    { key, ...props(node.attrs) },
    node.children?.map((child, i) => draw(child, i)),
  );
}

export function PlainIcon({ icon }: { icon: IconDefinition }) {
  const node = typeof icon.icon === 'function' ? icon.icon('currentColor', '#e6f4ff') : icon.icon;
  return (
    <span role="img" aria-hidden className="p-icon">
      {createElement(
        'svg',
        { ...node.attrs, width: '1em', height: '1em', fill: 'currentColor' },
        node.children?.map((child, i) => draw(child, i)),
      )}
    </span>
  );
}
