/**
 * Photos and short videos for a request or a resolution: a big "add" target over a real
 * `<input type="file" multiple>`, thumbnails with a remove button, and the same limits the
 * server checks (type, size, at most 9) said up front and checked before upload. Plain markup
 * (antd's Alert, Button and Typography drawn in src/app/plain/): it is on the resident's form.
 */
import { useEffect, useMemo, useState } from 'react';
import CameraOutlined from '@ant-design/icons-svg/es/asn/CameraOutlined';
import CloseOutlined from '@ant-design/icons-svg/es/asn/CloseOutlined';
import PlaySquareOutlined from '@ant-design/icons-svg/es/asn/PlaySquareOutlined';
import { PlainAlert } from '../../app/plain/controls';
import { PlainIcon } from '../../app/plain/PlainIcon';
import { useT } from '../../i18n';
import { visuallyHidden } from './ui';
import { smallText } from '../../app/tokens';

export const MAX_FILES = 9;
const MB = 1024 * 1024;
export const IMAGE_MAX = 10 * MB;
export const VIDEO_MAX = 50 * MB;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];
const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];
const EXTENSIONS: Record<string, 'image' | 'video'> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  webp: 'image',
  heic: 'image',
  heif: 'image',
  mp4: 'video',
  mov: 'video',
};

export function fileKind(file: File): 'image' | 'video' | null {
  if (IMAGE_TYPES.includes(file.type)) return 'image';
  if (VIDEO_TYPES.includes(file.type)) return 'video';
  // Some phones give HEIC photos no type: fall back on the extension (the server sniffs the bytes).
  if (!file.type) return EXTENSIONS[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
  return null;
}

export type FileProblem = { name: string; reason: 'type' | 'imageSize' | 'videoSize' | 'tooMany' | 'empty' };

/** Splits a new selection into what may be added (after `current`) and what may not. */
export function checkFiles(current: readonly File[], added: readonly File[]): { accepted: File[]; problems: FileProblem[] } {
  const accepted: File[] = [];
  const problems: FileProblem[] = [];
  for (const file of added) {
    const kind = fileKind(file);
    if (!kind) problems.push({ name: file.name, reason: 'type' });
    else if (file.size === 0) problems.push({ name: file.name, reason: 'empty' });
    else if (kind === 'image' && file.size > IMAGE_MAX) problems.push({ name: file.name, reason: 'imageSize' });
    else if (kind === 'video' && file.size > VIDEO_MAX) problems.push({ name: file.name, reason: 'videoSize' });
    else if (current.length + accepted.length >= MAX_FILES) problems.push({ name: file.name, reason: 'tooMany' });
    else accepted.push(file);
  }
  return { accepted, problems };
}

function usePreviews(files: readonly File[]): (string | null)[] {
  const urls = useMemo(
    () =>
      files.map((file) =>
        fileKind(file) === 'image' && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null,
      ),
    [files],
  );
  useEffect(
    () => () => {
      for (const url of urls) if (url && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
    },
    [urls],
  );
  return urls;
}

export function PhotoPicker({
  files,
  onChange,
  testId,
  error,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  testId: string;
  /** A server message about the files (e.g. a photo it refused). */
  error?: string | null;
}) {
  const t = useT();
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const previews = usePreviews(files);
  const full = files.length >= MAX_FILES;

  return (
    <div style={COLUMN}>
      <label
        data-testid={`${testId}-pick`}
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          gap: 8,
          minHeight: '3.5em',
          padding: '0.5em 1em',
          border: '1px dashed #91caff',
          borderRadius: 8,
          background: full ? '#f5f5f5' : '#f0f7ff',
          color: full ? 'rgba(0,0,0,0.45)' : '#1677ff',
          cursor: full ? 'not-allowed' : 'pointer',
          fontSize: '1.05em',
        }}
      >
        <span style={{ fontSize: '1.3em', lineHeight: 0 }}>
          <PlainIcon icon={CameraOutlined} />
        </span>
        <span>{t('complaints.photos.add', { count: files.length, max: MAX_FILES })}</span>
        <input
          type="file"
          accept="image/*,video/*"
          multiple
          disabled={full}
          data-testid={testId}
          style={visuallyHidden}
          onChange={(event) => {
            const picked = Array.from(event.target.files ?? []);
            event.target.value = '';
            const { accepted, problems: found } = checkFiles(files, picked);
            setProblems(found);
            if (accepted.length) onChange([...files, ...accepted]);
          }}
        />
      </label>
      <span className="p-muted" style={smallText}>
        {t('complaints.photos.hint', { max: MAX_FILES })}
      </span>
      {problems.length > 0 && (
        <PlainAlert
          type="warning"
          testId={`${testId}-problems`}
          title={problems.map((p) => t(`complaints.photos.problem.${p.reason}`, { name: p.name })).join(' ')}
        />
      )}
      {error && <PlainAlert type="error" title={error} />}
      {files.length > 0 && (
        <div
          data-testid={`${testId}-thumbs`}
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(5.5em, 1fr))', gap: 8 }}
        >
          {files.map((file, index) => (
            <div
              key={`${file.name}-${file.size}-${index}`}
              style={{
                position: 'relative',
                aspectRatio: '1',
                borderRadius: 8,
                overflow: 'hidden',
                background: '#f5f5f5',
                border: '1px solid #f0f0f0',
              }}
            >
              {previews[index] ? (
                <img
                  src={previews[index] ?? undefined}
                  alt={file.name}
                  style={{ width: '100%', height: '100%', objectFit: 'cover' }}
                />
              ) : (
                <div style={VIDEO_TILE}>
                  <span style={{ fontSize: '1.6em', color: '#8c8c8c', lineHeight: 0 }}>
                    <PlainIcon icon={PlaySquareOutlined} />
                  </span>
                  <span className="p-ellipsis" style={{ fontSize: '0.75em', maxWidth: '100%' }}>
                    {file.name}
                  </span>
                </div>
              )}
              <button
                type="button"
                className="p-btn p-btn-circle"
                aria-label={t('complaints.photos.remove', { name: file.name })}
                data-testid={`${testId}-remove-${index}`}
                onClick={() => onChange(files.filter((_, i) => i !== index))}
                style={{ position: 'absolute', top: 4, right: 4 }}
              >
                <PlainIcon icon={CloseOutlined} />
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

const COLUMN = { display: 'flex', flexDirection: 'column', gap: 8 } as const;
const VIDEO_TILE = {
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  height: '100%',
  padding: 4,
} as const;

/** Read-only thumbnails of files about to be sent (the review step). */
export function Thumbs({ files }: { files: readonly File[] }) {
  const previews = usePreviews(files);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="review-thumbs">
      {files.map((file, index) =>
        previews[index] ? (
          <img
            key={`${file.name}-${index}`}
            src={previews[index] ?? undefined}
            alt={file.name}
            style={{ width: '3.5em', height: '3.5em', objectFit: 'cover', borderRadius: 6 }}
          />
        ) : (
          <span
            key={`${file.name}-${index}`}
            role="img"
            aria-label={file.name}
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              width: '3.5em',
              height: '3.5em',
              borderRadius: 6,
              background: '#f5f5f5',
            }}
          >
            <PlainIcon icon={PlaySquareOutlined} />
          </span>
        ),
      )}
    </div>
  );
}
