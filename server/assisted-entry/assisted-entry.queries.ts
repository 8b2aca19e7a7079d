import type { Knex } from 'knex';

/** How to reply to a resident whose idea was entered for them; moderators and admins only. */
export interface AssistedContact {
  ideaId: number;
  name: string | null;
  phone: string | null;
  email: string | null;
  createdAt: Date;
}

const contactColumns = ['idea_id as ideaId', 'name', 'phone', 'email', 'created_at as createdAt'];

export async function insertContact(trx: Knex, contact: Omit<AssistedContact, 'createdAt'>): Promise<void> {
  await trx('assisted_contacts').insert({ idea_id: contact.ideaId, name: contact.name, phone: contact.phone, email: contact.email });
}

export async function contactOfIdea(db: Knex, ideaId: number): Promise<AssistedContact | undefined> {
  return db('assisted_contacts').where({ idea_id: ideaId }).first(contactColumns);
}

/** Who entered the idea, for staff (never shown to visitors). */
export async function enteredByName(db: Knex, userId: number): Promise<string | undefined> {
  const row: { display_name: string } | undefined = await db('users').where({ id: userId }).first('display_name');
  return row?.display_name;
}

export interface ContactMatch extends AssistedContact {
  title: string;
  originalLocale: string;
}

/** Contacts whose email or phone (digits compared without spaces) contains `text`; newest first, at most 50. */
export async function contactsMatching(db: Knex, text: string): Promise<ContactMatch[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const digits = text.replace(/[^\d]/g, '');
  return db('assisted_contacts')
    .join('ideas', 'ideas.id', 'assisted_contacts.idea_id')
    .where((where) => {
      where.whereILike('assisted_contacts.email', pattern);
      if (digits.length >= 3) where.orWhereRaw(`regexp_replace(assisted_contacts.phone, '[^0-9]', '', 'g') like ?`, [`%${digits}%`]);
    })
    .orderBy('assisted_contacts.created_at', 'desc')
    .limit(50)
    .select(contactColumns.map((column) => `assisted_contacts.${column}`).concat(['ideas.title', 'ideas.original_locale as originalLocale']));
}

/** Deletes one idea's contact; returns it as it was (for the audit log), or undefined when there was none. */
export async function deleteContact(trx: Knex, ideaId: number): Promise<AssistedContact | undefined> {
  const [row] = await trx('assisted_contacts').where({ idea_id: ideaId }).delete().returning(contactColumns);
  return row;
}

/** Deletes the contacts of ideas whose consultation's last day is more than `days` days past (Riga days); returns how many. */
export async function deleteContactsClosedBefore(db: Knex, days: number): Promise<number> {
  const { rows } = await db.raw<{ rows: unknown[] }>(
    `delete from assisted_contacts using ideas, consultations
      where ideas.id = assisted_contacts.idea_id and consultations.id = ideas.consultation_id
        and consultations.ends_on < (now() at time zone 'Europe/Riga')::date - ?::int
      returning assisted_contacts.idea_id`,
    [days],
  );
  return rows.length;
}
