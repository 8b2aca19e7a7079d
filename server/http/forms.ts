import type { Request, Response } from 'express';
import { z } from 'zod';
import { isUniqueViolation } from '../db/errors';
import { AppError } from './errors';
import { setFlash } from './flash';
import { fieldErrors } from './validation';

/** The i18n key of a field's problem, or a key with the values its message needs. */
export type FieldProblem = string | { key: string; values: Record<string, string | number> };
export type FieldProblems = Record<string, FieldProblem>;

/**
 * A form had problems; nothing was stored. Services throw it for what only they can check
 * (a slug taken, a point outside the area); `handleForm` shows the same form again with it.
 * A problem of the whole form, not of one field, goes under `form`.
 */
export class FormError extends AppError {
  constructor(
    readonly fieldErrors: FieldProblems,
    refusal: { status: number; code: string; messageKey: string } = { status: 422, code: 'form_invalid', messageKey: 'common:validation.fixErrors' },
  ) {
    super(refusal.status, refusal.code, refusal.messageKey);
  }
}

/** Runs a change; a unique constraint it violates (a slug taken meanwhile) becomes this problem. */
export async function refusingTaken<T>(problem: FieldProblems, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (isUniqueViolation(error)) throw new FormError(problem);
    throw error;
  }
}

/**
 * The person behind a route whose guard (requireLogin, requireActiveAccount, requireRole …)
 * already let only logged-in people through. Called without such a guard it is a bug, not a
 * visitor's mistake, so it fails loudly.
 */
export function userOf(req: Request): Express.User {
  if (!req.user) throw new Error(`userOf without a login guard on ${req.method} ${req.path}`);
  return req.user;
}

/**
 * A refusal that is no problem of the form (commenting closed meanwhile, already reported):
 * the person goes back with its message (`flash: false` when the redirect carries it itself),
 * or gets the route's own `answer`.
 */
export type Refusal = { error: abstract new (...args: never[]) => AppError } & (
  | { redirect: (error: AppError) => string; flash?: boolean }
  | { answer: (error: AppError) => unknown }
);

/** Answers a refusal the route expects, and tells whether it did; anything else is thrown on. */
async function answeredRefusal(req: Request, res: Response, refusal: Refusal | undefined, error: unknown, json = false): Promise<boolean> {
  if (!refusal || !(error instanceof refusal.error)) return false;
  if (json) {
    res.status(error.status).json({ error: { code: error.code, message: req.t(error.messageKey) } });
  } else if ('answer' in refusal) {
    await refusal.answer(error);
  } else {
    if (refusal.flash ?? true) setFlash(req, 'error', error.messageKey);
    res.redirect(303, refusal.redirect(error));
  }
  return true;
}

export interface FormSteps<S extends z.ZodType, R> {
  /** The fields to read, when the route adds some; the request's body by default. */
  body?: Record<string, unknown>;
  schema: S;
  /** What the person typed, as the form shows it again; the body by default. */
  values?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** The change; it throws FormError for problems only it can see. */
  run: (form: z.output<S>) => Promise<R>;
  /** Shows the same form again with the problems (the status is already 422). */
  again: (values: Record<string, unknown>, errors: FieldProblems) => unknown;
  /** After the change: usually a flash and a redirect. */
  done: (result: R) => unknown;
  refused?: Refusal;
}

/**
 * The one way a form is handled: the route's guard has run; then validate with the form's
 * schema, run the change, and either show the same form again with every problem and what
 * was typed, or finish.
 */
export async function handleForm<S extends z.ZodType, R>(req: Request, res: Response, steps: FormSteps<S, R>): Promise<void> {
  const body: Record<string, unknown> = steps.body ?? req.body ?? {};
  const withNul = fieldsWithNul(body);
  if (withNul.length > 0) {
    const cleaned = echoable(withoutNul(body)) as Record<string, unknown>;
    return showAgain(res, steps.again, steps.values ? steps.values(cleaned) : cleaned, Object.fromEntries(withNul.map((field) => [field, 'common:validation.nulCharacter'])));
  }
  const shown = echoable(body) as Record<string, unknown>;
  const values = steps.values ? steps.values(shown) : shown;
  const parsed = steps.schema.safeParse(body);
  if (!parsed.success) return showAgain(res, steps.again, values, fieldErrors(parsed.error));
  let result: R;
  try {
    result = await steps.run(parsed.data);
  } catch (error) {
    if (await answeredRefusal(req, res, steps.refused, error)) return;
    if (!(error instanceof FormError)) throw error;
    return showAgain(res, steps.again, values, error.fieldErrors);
  }
  await steps.done(result);
}

// PostgreSQL cannot store a NUL character; no form needs one, and the person cannot see it.
const hasNul = (value: unknown): boolean =>
  typeof value === 'string' ? value.includes('\u0000') : typeof value === 'object' && value !== null && Object.entries(value).some(([key, inner]) => hasNul(key) || hasNul(inner));

/** The fields holding a NUL character; `form` when a field's name holds one. */
function fieldsWithNul(body: Record<string, unknown>): string[] {
  return [...new Set(Object.entries(body).filter(([field, value]) => hasNul(field) || hasNul(value)).map(([field]) => (hasNul(field) ? 'form' : field)))];
}

/**
 * What was sent, safe to show again: a JSON body's object with a `toString` or `valueOf` of its
 * own that is not a function ({"parentId": {"toString": "1"}}) makes String() and the views throw.
 */
function echoable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(echoable);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'toString' && key !== 'valueOf')
      .map(([key, inner]) => [key, echoable(inner)]),
  );
}

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replaceAll('\u0000', ''), withoutNul(inner)]));
  return value;
}

async function showAgain(res: Response, again: FormSteps<z.ZodType, unknown>['again'], values: Record<string, unknown>, errors: FieldProblems): Promise<void> {
  res.status(422);
  await again(values, errors);
}

// A page's script asks for JSON and updates in place; the plain form posts and follows a redirect.
export const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

/**
 * The one answer of a button that works with and without the page's script: JSON for the
 * script, or a flash message and a redirect for the plain form; an expected refusal is a
 * JSON error with its status, or goes back with its message. `json: false` for a button no
 * script calls: it always goes back.
 */
export async function jsonOrRedirect<R extends object>(
  req: Request,
  res: Response,
  steps: {
    run: () => Promise<R>;
    /** The success message: for the script always, for the plain form as a flash unless `flash` is false. */
    message: (result: R) => { key: string; values?: Record<string, string | number> };
    redirect: string;
    flash?: boolean;
    json?: boolean;
    refused: Refusal;
  },
): Promise<void> {
  const json = (steps.json ?? true) && wantsJson(req);
  let result: R;
  try {
    result = await steps.run();
  } catch (error) {
    if (await answeredRefusal(req, res, steps.refused, error, json)) return;
    throw error;
  }
  const message = steps.message(result);
  if (json) {
    res.json({ ...result, message: req.t(message.key, message.values) });
    return;
  }
  if (steps.flash ?? true) setFlash(req, 'success', message.key, message.values);
  res.redirect(303, steps.redirect);
}

/** Required, trimmed text with a length limit; the messages are i18n keys. */
export const requiredText = (max: number, messages: { required: string; tooLong: string }) =>
  z.string({ message: messages.required }).trim().min(1, { message: messages.required }).max(max, { message: messages.tooLong });

/** The usual end of a form: a success message on the next page. */
export function flashAndRedirect(req: Request, res: Response, messageKey: string, to: string): void {
  setFlash(req, 'success', messageKey);
  res.redirect(303, to);
}

/**
 * The form of a record staff create and edit (a category, a consultation): shown again with
 * its problems, or saved and back to the list with "created" or "updated".
 */
export function recordForm<S extends z.ZodType>(form: {
  schema: S;
  values?: FormSteps<S, unknown>['values'];
  show: (res: Response, page: { id?: number; values: Record<string, unknown>; errors: FieldProblems }) => unknown;
  listPath: string;
  messages: { created: string; updated: string };
}) {
  return (req: Request, res: Response, save: (fields: z.output<S>) => Promise<unknown>, id?: number) =>
    handleForm(req, res, {
      schema: form.schema,
      values: form.values,
      run: save,
      again: (values, errors) => form.show(res, { id, values, errors }),
      done: () => flashAndRedirect(req, res, id ? form.messages.updated : form.messages.created, form.listPath),
    });
}
