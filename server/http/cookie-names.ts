import type { Response } from 'express';

/** Read from the raw Cookie header itself, so that no cookie parser has to run first. */
export function carriesCookie(header: string | undefined, name: string): boolean {
  return header !== undefined && header.split(';').some((pair) => pair.split('=', 1)[0].trim() === name);
}

/** Whether the answer being built sets the cookie `name`. */
export function setsCookie(res: Response, name: string): boolean {
  const header = res.getHeader('Set-Cookie');
  const cookies = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  return cookies.some((cookie) => cookie.startsWith(`${name}=`));
}
