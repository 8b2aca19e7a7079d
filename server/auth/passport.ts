import type { Knex } from 'knex';
import { Passport } from 'passport';

export type PassportInstance = InstanceType<typeof Passport>;
import { Strategy as LocalStrategy } from 'passport-local';
import { verifyCredentials } from './auth.service';
import { userById } from './auth.queries';
import { userLoadedWithSession } from './session';
import type { Request } from 'express';

export function createPassport(db: Knex): PassportInstance {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      verifyCredentials(db, email, password).then((user) => done(null, user ?? false), done);
    }),
  );
  passport.serializeUser<number>((user, done) => done(null, user.id));
  passport.deserializeUser<number, Request>((req, id, done) => {
    // A deleted account's session simply ends: no user, no error.
    const loaded = userLoadedWithSession(req, id);
    if (loaded !== undefined) return done(null, loaded ?? false);
    userById(db, id).then((user) => done(null, user ?? false), done);
  });
  return passport;
}
