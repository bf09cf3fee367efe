/**
 * Plain-markup cards, tags and link buttons for the resident's home (antd's Card, Tag and a
 * Button as a link, drawn like antd's in plain.css): the home's first download carries no antd
 * for them.
 */
import type { AnchorHTMLAttributes, CSSProperties, MouseEvent, ReactNode } from 'react';
import { useHref, useNavigate } from 'react-router';
import './plain.css';
import './frame.css';

/** A card with an optional small header (title at the start, `extra` at the end). */
export function PlainCard({
  title,
  extra,
  testId,
  children,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className={title ? 'p-card p-card-small' : 'p-card'} data-testid={testId}>
      {title && (
        <div className="p-card-head">
          <h2 className="p-card-title">{title}</h2>
          {extra && <div className="p-card-extra">{extra}</div>}
        </div>
      )}
      <div className={title ? 'p-card-body' : undefined}>{children}</div>
    </section>
  );
}

/** antd's preset tag colours the home uses; `default` is grey. */
export type TagColour = 'default' | 'blue' | 'magenta' | 'cyan' | 'processing' | 'gold' | 'green' | 'red' | 'purple';

export function PlainTag({
  colour = 'default',
  testId,
  style,
  children,
  ...data
}: {
  colour?: TagColour;
  testId?: string;
  style?: CSSProperties;
  children: ReactNode;
  [data: `data-${string}`]: string | undefined;
}) {
  return (
    <span className={`p-tag p-tag-${colour}`} data-testid={testId} style={style} {...data}>
      {children}
    </span>
  );
}

/** A link drawn as a button that navigates in-app (and still opens in a new tab). */
export function PlainButtonLink({
  to,
  kind = 'default',
  block,
  large,
  small,
  icon,
  testId,
  children,
  ...anchor
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick' | 'className' | 'children'> & {
  to: string;
  kind?: 'default' | 'primary' | 'link' | 'text';
  block?: boolean;
  large?: boolean;
  small?: boolean;
  icon?: ReactNode;
  testId?: string;
  children?: ReactNode;
  [data: `data-${string}`]: string | number | undefined;
}) {
  const navigate = useNavigate();
  const href = useHref(to);
  const classes = [
    kind === 'link' ? 'p-link' : 'p-btn',
    kind === 'primary' && 'p-btn-primary',
    kind === 'text' && 'p-btn-text',
    block && 'p-btn-block',
    large && 'p-btn-large',
    small && 'p-btn-small',
  ].filter(Boolean);
  return (
    <a
      {...anchor}
      href={href}
      className={classes.join(' ')}
      data-testid={testId}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
          return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {icon}
      {children !== undefined && <span>{children}</span>}
    </a>
  );
}
