/**
 * A short confirmation at the top of the screen ("已提交，编号 …"), as antd's `message.success`,
 * for plain screens that have no antd `App` around them. `toast(text)` from anywhere; the
 * logged-in frame shows them (`<PlainToasts />`), announced politely to screen readers.
 */
import { useSyncExternalStore } from 'react';
import CheckCircleFilled from '@ant-design/icons-svg/es/asn/CheckCircleFilled';
import { PlainIcon } from './PlainIcon';
import './frame.css';

interface Toast {
  id: number;
  text: string;
}

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(next: readonly Toast[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

/** Shows `text` for three seconds (antd message's default). */
export function toast(text: string, seconds = 3): void {
  const id = nextId++;
  emit([...toasts, { id, text }]);
  setTimeout(() => emit(toasts.filter((t) => t.id !== id)), seconds * 1000);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function PlainToasts() {
  const shown = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  );
  return (
    <div className="p-toasts" role="status" aria-live="polite">
      {shown.map((item) => (
        <div key={item.id} className="p-toast" data-testid="toast">
          <span className="p-toast-icon">
            <PlainIcon icon={CheckCircleFilled} />
          </span>
          <span>{item.text}</span>
        </div>
      ))}
    </div>
  );
}
