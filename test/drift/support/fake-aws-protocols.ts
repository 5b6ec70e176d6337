/**
 * Wire-format helpers for the fake AWS server: how each protocol frames a result and an error.
 * JSON 1.1 (SSM), the query protocol with XML responses (STS, RDS, ElastiCache), REST-JSON
 * (OpenSearch).
 */
import type { ServerResponse } from 'node:http';

export type Protocol = 'json' | 'query' | 'rest-json';

export const QUERY_NAMESPACES: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
  elasticache: 'http://elasticache.amazonaws.com/doc/2015-02-02/',
};

let requestCounter = 0;
export function requestId(): string {
  requestCounter++;
  return `00000000-0000-4000-8000-${String(requestCounter).padStart(12, '0')}`;
}

export function escapeXml(value: string | number | boolean): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<Name>value</Name>`, or nothing when the value is undefined. */
export function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/x-amz-json-1.1'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': requestId(), 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendQueryResult(res: ServerResponse, service: string, operation: string, inner: string): void {
  const id = requestId();
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${QUERY_NAMESPACES[service]}"><` +
    `${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></` +
    `${operation}Response>`;
  res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': id, 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}

/** An error in the protocol's own framing. */
export function sendError(res: ServerResponse, protocol: Protocol, status: number, code: string, message: string): void {
  const id = requestId();
  if (protocol === 'json') {
    sendJson(res, status, { __type: code, message });
  } else if (protocol === 'rest-json') {
    const text = JSON.stringify({ message });
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-errortype': code,
      'x-amzn-requestid': id,
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  } else {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>Sender</Type>${el('Code', code)}` +
      `${el('Message', message)}</Error><RequestId>${id}</RequestId></ErrorResponse>`;
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': id, 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  }
}

export type FaultKind = 'AccessDenied' | 'Throttling' | 'ExpiredToken';

/** The status and code each protocol uses for a fault, as the real services send them. */
export function faultFraming(protocol: Protocol, kind: FaultKind): { status: number; code: string } {
  switch (kind) {
    case 'AccessDenied':
      return protocol === 'query'
        ? { status: 403, code: 'AccessDenied' }
        : { status: protocol === 'json' ? 400 : 403, code: 'AccessDeniedException' };
    case 'Throttling':
      return protocol === 'query' ? { status: 400, code: 'Throttling' } : { status: 400, code: 'ThrottlingException' };
    case 'ExpiredToken':
      return protocol === 'query' ? { status: 400, code: 'ExpiredToken' } : { status: 403, code: 'ExpiredTokenException' };
  }
}

/** Offset pagination with an opaque token, as the services' `NextToken` / `Marker`. */
export function page<T>(items: readonly T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = token
    ? Number(
        Buffer.from(token, 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      )
    : 0;
  if (!Number.isInteger(start) || start < 0) throw new Error(`bad pagination token ${token}`);
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: Buffer.from(`offset:${end}`).toString('base64url') } : {}) };
}
