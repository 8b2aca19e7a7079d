import helmet from 'helmet';

/** Origins of the tile server, e.g. https://{s}.tile.example.org → https://*.tile.example.org. */
export function tileOrigin(tileUrl: string): string {
  const url = new URL(tileUrl.replace(/\{s\}/g, 'a').replace(/\{[a-z]+\}/g, '0'));
  const host = tileUrl.includes('{s}.') ? url.host.replace(/^a\./, '*.') : url.host;
  return `${url.protocol}//${host}`;
}

// No inline script anywhere and no third-party origin except the configured tile server.
export function securityHeaders(tileUrl: string, isProduction: boolean) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', tileOrigin(tileUrl)],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: isProduction ? [] : null,
      },
    },
    strictTransportSecurity: isProduction,
  });
}
