import { IConstruct } from 'constructs';
import { propError } from './errors';

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+|__)*(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;

/**
 * A parsed container image reference.
 *
 * @internal
 */
export interface ImageRef {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * Parses and checks an image reference: it must carry a tag other than
 * `latest`, or a digest.
 *
 * @internal
 */
export function parseImage(scope: IConstruct, prop: string, image: string): ImageRef {
  const allowed = 'use a pinned image such as "ghcr.io/acme/web:2.1.0" or "ghcr.io/acme/web@sha256:<64 hex>" (no "latest", no untagged image)';
  if (typeof image !== 'string' || image.trim() !== image || image === '') throw propError(scope, prop, image, allowed);
  const [nameAndTag, digest, extra] = image.split('@');
  if (extra !== undefined || (digest !== undefined && !DIGEST.test(digest))) throw propError(scope, prop, image, allowed);
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > slash;
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined;
  const name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const firstSlash = name.indexOf('/');
  const registry = firstSlash > 0 && /[.:]|^localhost$/.test(name.slice(0, firstSlash)) ? name.slice(0, firstSlash) : undefined;
  const path = registry ? name.slice(registry.length + 1) : name;
  if (!REPOSITORY.test(path) || (tag !== undefined && !TAG.test(tag))) throw propError(scope, prop, image, allowed);
  if (tag === 'latest' && digest === undefined) throw propError(scope, prop, image, allowed);
  if (tag === undefined && digest === undefined) throw propError(scope, prop, image, allowed);
  return { repository: name, tag, digest };
}
