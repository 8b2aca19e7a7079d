import { allowedNextStates, dotRefusal, joinRefusal, mayChangeState, mayManageWorkshop, mayRunWorkshops, maySetUp, mayUseResults, participantRemovalRefusal, pinRefusal } from '../../server/workshops/workshops.policy';
import { joinCodeAlphabet, newJoinCode, normalisedJoinCode } from '../../server/workshops/join-code';
import { isParticipantFormToken, participantCookieValue, participantFormToken, participantIdFromCookie } from '../../server/workshops/participant-cookie';
import { joinFormSchema, workshopFormSchema, workshopStates, type WorkshopState } from '../../server/workshops/workshops.schema';

const rules = { dotBudget: 3, maxDotsPerIdea: 2 };

describe('the dot policy', () => {
  it.each([
    // state, spent, on this idea, change, refusal
    ['voting', 0, 0, 'add', undefined],
    ['voting', 2, 1, 'add', undefined],
    ['voting', 3, 0, 'add', 'workshops:dots.refused.budget'],
    ['voting', 2, 2, 'add', 'workshops:dots.refused.perIdea'],
    ['voting', 3, 2, 'add', 'workshops:dots.refused.budget'],
    ['voting', 3, 2, 'remove', undefined],
    ['voting', 0, 0, 'remove', undefined],
    ['open', 0, 0, 'add', 'workshops:dots.refused.notVoting'],
    ['open', 1, 1, 'remove', 'workshops:dots.refused.notVoting'],
    ['draft', 0, 0, 'add', 'workshops:dots.refused.notVoting'],
    ['closed', 0, 0, 'add', 'workshops:dots.refused.closed'],
    ['closed', 1, 1, 'remove', 'workshops:dots.refused.closed'],
  ] as const)('in %s with %i spent and %i on the idea, %s → %s', (state, spent, onIdea, change, refusal) => {
    expect(dotRefusal(state, rules, { spent, onIdea }, change)).toBe(refusal);
  });

  it('with one dot per idea allowed, a second dot on the same idea is refused', () => {
    expect(dotRefusal('voting', { dotBudget: 5, maxDotsPerIdea: 1 }, { spent: 1, onIdea: 1 }, 'add')).toBe('workshops:dots.refused.perIdea');
  });
});

describe('workshop states', () => {
  const table: Record<WorkshopState, WorkshopState[]> = { draft: ['open'], open: ['voting', 'closed'], voting: ['open', 'closed'], closed: [] };
  it.each(workshopStates.flatMap((from) => workshopStates.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(mayChangeState(from, to)).toBe(table[from].includes(to));
    expect(allowedNextStates(from).includes(to)).toBe(table[from].includes(to));
  });

  it.each([
    ['draft', 'workshops:join.notStarted', 'workshops:pin.refused.closed', true, false],
    ['open', undefined, undefined, true, false],
    ['voting', undefined, 'workshops:pin.refused.voting', false, false],
    ['closed', 'workshops:join.ended', 'workshops:pin.refused.closed', false, true],
  ] as const)('in %s: join %s, pin %s, set up %s, results %s', (state, join, pin, setUp, results) => {
    expect(joinRefusal(state)).toBe(join);
    expect(pinRefusal(state)).toBe(pin);
    expect(maySetUp(state)).toBe(setUp);
    expect(mayUseResults(state)).toBe(results);
  });
});

describe('removing a participant', () => {
  it.each([
    // state, participants' records deleted, refusal
    ['draft', false, undefined],
    ['open', false, undefined],
    ['voting', false, undefined],
    ['closed', false, undefined],
    ['closed', true, 'workshops:removeParticipant.recordsDeleted'],
  ] as const)('in %s, records deleted %s → %s', (_state, deleted, refusal) => {
    expect(participantRemovalRefusal({ participantsDeletedAt: deleted ? new Date() : null })).toBe(refusal);
  });
});

describe('who runs workshops', () => {
  const own = { createdBy: 7 };
  const other = { createdBy: 8 };
  it.each([
    ['resident', false, false, false],
    ['facilitator', true, true, false],
    ['moderator', true, true, true],
    ['admin', true, true, true],
  ] as const)('a %s: runs workshops %s, manages own %s, manages others %s', (role, runs, ownOk, otherOk) => {
    const person = { id: 7, role };
    expect(mayRunWorkshops(person)).toBe(runs);
    expect(mayManageWorkshop(person, own)).toBe(ownOk);
    expect(mayManageWorkshop(person, other)).toBe(otherOk);
  });

  it('nobody logged out', () => {
    expect(mayRunWorkshops(undefined)).toBe(false);
    expect(mayManageWorkshop(null, own)).toBe(false);
  });
});

describe('join codes', () => {
  it('are six characters without O, 0, I or 1', () => {
    expect(joinCodeAlphabet).toHaveLength(32);
    expect(joinCodeAlphabet).not.toMatch(/[O0I1]/);
    const codes = Array.from({ length: 500 }, newJoinCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(495);
  });

  it.each([
    ['kp7 xrt', 'KP7XRT'],
    ['KP7-XRT', 'KP7XRT'],
    ['KP7XR', undefined],
    ['KP7XRTT', undefined],
    ['KO7XRT', undefined],
    ['K17XRT', undefined],
    ['<script>', undefined],
    [42, undefined],
  ])('%p reads as %p', (input, code) => {
    expect(normalisedJoinCode(input)).toBe(code);
  });
});

describe('participant cookies', () => {
  const secret = 's'.repeat(40);
  it('verify for their own workshop only', () => {
    const value = participantCookieValue(secret, 1, 42);
    expect(participantIdFromCookie(secret, 1, value)).toBe(42);
    expect(participantIdFromCookie(secret, 2, value)).toBeUndefined();
    expect(participantIdFromCookie('t'.repeat(40), 1, value)).toBeUndefined();
  });

  it('refuse an id changed by hand, garbage and missing values', () => {
    const value = participantCookieValue(secret, 1, 42);
    expect(participantIdFromCookie(secret, 1, value.replace(/^42/, '43'))).toBeUndefined();
    expect(participantIdFromCookie(secret, 1, '42')).toBeUndefined();
    expect(participantIdFromCookie(secret, 1, undefined)).toBeUndefined();
    expect(participantIdFromCookie(secret, 1, `42.${'a'.repeat(43)}`)).toBeUndefined();
  });

  it('form tokens are bound to the participant and the workshop', () => {
    const token = participantFormToken(secret, 1, 42);
    expect(isParticipantFormToken(secret, 1, 42, token)).toBe(true);
    expect(isParticipantFormToken(secret, 1, 43, token)).toBe(false);
    expect(isParticipantFormToken(secret, 2, 42, token)).toBe(false);
    expect(isParticipantFormToken(secret, 1, 42, undefined)).toBe(false);
  });
});

describe('forms', () => {
  const valid = { name: 'Skate park', consultationId: '1', heldOn: '2026-12-02', locale: 'lv', dotBudget: '3', maxDotsPerIdea: '2', ballot: 'workshop' };
  it('takes a valid workshop and refuses a per-idea maximum above the budget, bad dates and budgets', () => {
    expect(workshopFormSchema.safeParse(valid).success).toBe(true);
    const problems = (overrides: Record<string, string>) =>
      workshopFormSchema.safeParse({ ...valid, ...overrides }).error?.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
    expect(problems({ maxDotsPerIdea: '4' })).toEqual(['maxDotsPerIdea: workshops:validation.maxAboveBudget']);
    expect(problems({ heldOn: '2026-02-30' })).toEqual(['heldOn: workshops:validation.date']);
    expect(problems({ dotBudget: '0', maxDotsPerIdea: '0' })).toEqual(['dotBudget: workshops:validation.dotBudget', 'maxDotsPerIdea: workshops:validation.maxDotsPerIdea']);
    expect(problems({ dotBudget: '21' })).toEqual(['dotBudget: workshops:validation.dotBudget']);
    expect(problems({ ballot: 'all' })).toEqual(['ballot: workshops:validation.ballot']);
  });

  it('a nickname is optional, trimmed, without control characters, at most 40 characters', () => {
    expect(joinFormSchema.parse({ nickname: '  ', ageGroup: '' })).toEqual({ nickname: undefined, ageGroup: undefined });
    expect(joinFormSchema.parse({ nickname: ' Anna\u202e\n ', ageGroup: '13_15' })).toEqual({ nickname: 'Anna', ageGroup: '13_15' });
    expect(joinFormSchema.safeParse({ nickname: 'x'.repeat(41) }).success).toBe(false);
    expect(joinFormSchema.safeParse({ ageGroup: 'adult' }).success).toBe(false);
  });
});
