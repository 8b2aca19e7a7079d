import { generateSecret, generateURI, verifySync } from 'otplib';

// A code is accepted from the previous, current or next 30-second step (clock drift).
export const totpToleranceSeconds = 30;
export const totpIssuer = 'Kopā';

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, accountLabel: string): string => generateURI({ issuer: totpIssuer, label: accountLabel, secret });

export const looksLikeTotpCode = (input: string) => /^\d{6}$/.test(input);

/** The time step the code belongs to, if it is right and later than the last step used. */
export function matchingTimeStep(secret: string, code: string, afterTimeStep?: number | null): number | undefined {
  if (!looksLikeTotpCode(code)) return undefined;
  const result = verifySync({
    secret,
    token: code,
    epochTolerance: totpToleranceSeconds,
    ...(afterTimeStep === null || afterTimeStep === undefined ? {} : { afterTimeStep: Number(afterTimeStep) }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
