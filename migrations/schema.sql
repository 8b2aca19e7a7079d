--
-- PostgreSQL database dump
--

\restrict kopa


SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: announce_public_change(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.announce_public_change(scopes text[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
    begin
      if coalesce(cardinality(scopes), 0) = 0 then
        return;
      end if;
      perform pg_notify('kopa_public_changes', nextval('public_change_seq')::text || '|' || array_to_string(scopes, ','));
    end $$;


--
-- Name: audit_log_is_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    begin
      if tg_op = 'UPDATE' and coalesce(current_setting('kopa.erasure', true), '') = 'on'
         and new.id = old.id and new.actor_id is not distinct from old.actor_id and new.action = old.action
         and new.target_type is not distinct from old.target_type and new.target_id is not distinct from old.target_id
         and new.created_at = old.created_at then
        return new;
      end if;
      raise exception 'audit_log is append-only';
    end $$;


--
-- Name: everything_announce_public_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.everything_announce_public_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    begin
      perform announce_public_change(array['all']);
      return null;
    end $$;


--
-- Name: idea_map_pin(bigint, double precision, double precision, bigint, bigint, text, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.idea_map_pin(id bigint, longitude double precision, latitude double precision, consultation_id bigint, category_id bigint, status text, neb_values text[]) RETURNS bytea
    LANGUAGE sql IMMUTABLE
    AS $$
      select int4send(id::int4) || float8send(longitude) || float8send(latitude) || int4send(consultation_id::int4) || int4send(category_id::int4)
        || int2send((coalesce(array_position(array['new', 'under_review', 'accepted', 'rejected', 'in_progress', 'implemented'], status) - 1, 0) * 256
           + case when 'beautiful' = any(neb_values) then 1 else 0 end
           + case when 'sustainable' = any(neb_values) then 2 else 0 end
           + case when 'together' = any(neb_values) then 4 else 0 end)::int2)
    $$;


--
-- Name: idea_rows_announce_public_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.idea_rows_announce_public_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    declare
      changed_ids bigint[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(idea_id) into changed_ids from new_rows;
      elsif tg_op = 'DELETE' then
        select array_agg(idea_id) into changed_ids from old_rows;
      else
        select array_agg(idea_id) into changed_ids from (select idea_id from old_rows union select idea_id from new_rows) both_sides;
      end if;
      if changed_ids is null then
        return null;
      end if;
      perform announce_public_change(
        public_idea_scopes(changed_ids)
        || case when tg_argv[0] = 'listed' then array['ideas'] else array[]::text[] end);
      return null;
    end $$;


--
-- Name: ideas_announce_public_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ideas_announce_public_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    declare
      changed_ids bigint[];
      relinked_ids bigint[];
      linked_ids bigint[];
      listed boolean;
      mapped boolean;
    begin
      if tg_op = 'INSERT' then
        select array_agg(id) || array_agg(duplicate_of_id) filter (where duplicate_of_id is not null), bool_or(visibility = 'published')
          into changed_ids, listed from new_rows;
        mapped := listed;
      elsif tg_op = 'DELETE' then
        select array_agg(id) || array_agg(duplicate_of_id) filter (where duplicate_of_id is not null), bool_or(visibility = 'published')
          into changed_ids, listed from old_rows;
        mapped := listed;
      else
        -- No join of the two transition tables: the plan is cached from the first statement of
        -- the session, and a nested loop made for one row would be quadratic for a bulk update.
        select array_agg(id), bool_or(visibility = 'published') into changed_ids, listed from new_rows;
        listed := listed or exists (select 1 from old_rows where visibility = 'published');
        mapped := exists (
          select 1 from (
            (select id, visibility, latitude, longitude, category_id, status, consultation_id, neb_values, title, description from new_rows
              except select id, visibility, latitude, longitude, category_id, status, consultation_id, neb_values, title, description from old_rows)
            union all
            (select id, visibility, latitude, longitude, category_id, status, consultation_id, neb_values, title, description from old_rows
              except select id, visibility, latitude, longitude, category_id, status, consultation_id, neb_values, title, description from new_rows)
          ) moved where visibility = 'published');
        if cardinality(changed_ids) <= 50 then
          select array_agg(id), array_agg(duplicate_of_id) filter (where duplicate_of_id is not null) into relinked_ids, linked_ids from (
            (select id, duplicate_of_id, title, visibility, original_locale from new_rows
              except select id, duplicate_of_id, title, visibility, original_locale from old_rows)
            union all
            (select id, duplicate_of_id, title, visibility, original_locale from old_rows
              except select id, duplicate_of_id, title, visibility, original_locale from new_rows)
          ) relinked;
          if relinked_ids is not null then
            changed_ids := changed_ids || linked_ids
              || array(select id from ideas where duplicate_of_id is not null and duplicate_of_id = any(relinked_ids));
          end if;
        end if;
      end if;
      perform announce_public_change(
        public_idea_scopes(changed_ids)
        || case when listed then array['ideas'] else array[]::text[] end
        || case when mapped then array['points'] else array[]::text[] end);
      return null;
    end $$;


--
-- Name: ideas_insert_map_pins(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ideas_insert_map_pins() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    begin
      insert into idea_map_pins (idea_id, pin)
      select id, idea_map_pin(id, longitude, latitude, consultation_id, category_id, status, neb_values) from new_rows where visibility = 'published';
      return null;
    end $$;


--
-- Name: ideas_update_map_pin(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ideas_update_map_pin() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    begin
      if new.visibility = 'published' then
        insert into idea_map_pins (idea_id, pin)
        values (new.id, idea_map_pin(new.id, new.longitude, new.latitude, new.consultation_id, new.category_id, new.status, new.neb_values))
        on conflict (idea_id) do update set pin = excluded.pin;
      else
        delete from idea_map_pins where idea_id = new.id;
      end if;
      return null;
    end $$;


--
-- Name: person_announce_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.person_announce_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    declare
      people bigint[];
    begin
      if tg_op = 'TRUNCATE' then
        perform announce_public_change(array['users']);
        return null;
      end if;
      if tg_table_name = 'users' then
        people := array[case when tg_op = 'DELETE' then old.id else new.id end];
      elsif tg_table_name = 'sessions' then
        if tg_op = 'DELETE' and old.expired <= now() then
          return null;
        end if;
        people := array_remove(array[case when tg_op <> 'INSERT' then old.user_id end, case when tg_op <> 'DELETE' then new.user_id end], null);
      end if;
      perform announce_public_change(array(select distinct 'user:' || person from unnest(people) as person where person is not null));
      return null;
    end $$;


--
-- Name: person_rows_announce_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.person_rows_announce_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    begin
      if tg_op = 'INSERT' then
        perform announce_public_change(array(select distinct 'user:' || user_id from new_rows));
      elsif tg_op = 'DELETE' then
        perform announce_public_change(array(select distinct 'user:' || user_id from old_rows));
      else
        perform announce_public_change(array(select distinct 'user:' || user_id from (select user_id from old_rows union select user_id from new_rows) as people));
      end if;
      return null;
    end $$;


--
-- Name: public_idea_scopes(bigint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.public_idea_scopes(idea_ids bigint[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    AS $$
      with ids as (select distinct id from unnest(idea_ids) as id where id is not null)
      select case when (select count(*) from ids) > 50 then array['all']
        else array(select 'idea:' || id from ids order by id) end
    $$;


--
-- Name: reference_announce_public_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reference_announce_public_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    begin
      perform announce_public_change(array['reference']);
      return null;
    end $$;


--
-- Name: session_with_user(text, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.session_with_user(session_id text, idea_id bigint DEFAULT NULL::bigint) RETURNS TABLE(sess json, user_id bigint, email text, display_name text, role text, preferred_locale text, blocked_at timestamp with time zone, email_verified_at timestamp with time zone, totp_enabled_at timestamp with time zone, supported boolean, used_in_consultation integer, following boolean)
    LANGUAGE plpgsql STABLE
    AS $$
    #variable_conflict use_column
    begin
      return query
      select sessions.sess, users.id, users.email, users.display_name, users.role, users.preferred_locale,
        users.blocked_at, users.email_verified_at, users.totp_enabled_at,
        case when session_with_user.idea_id is not null then
          exists (select 1 from supports where supports.user_id = users.id and supports.idea_id = session_with_user.idea_id) end,
        case when session_with_user.idea_id is not null then
          (select count(*)::integer from supports join ideas on ideas.id = supports.idea_id
            where supports.user_id = users.id
              and ideas.consultation_id = (select idea.consultation_id from ideas idea where idea.id = session_with_user.idea_id)) end,
        case when session_with_user.idea_id is not null then
          exists (select 1 from follows where follows.user_id = users.id and follows.idea_id = session_with_user.idea_id) end
      from sessions
      left join users on users.id = sessions.user_id and users.deleted_at is null
      where sessions.sid = session_id and sessions.expired > now();
    end
    $$;


--
-- Name: users_announce_public_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.users_announce_public_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    begin
      if tg_op = 'UPDATE' then
        perform announce_public_change(array['all']);
      elsif exists (select 1 from old_rows) then
        perform announce_public_change(array['all']);
      end if;
      return null;
    end $$;


--
-- Name: workshops_announce_public_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.workshops_announce_public_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    begin
      perform announce_public_change(public_idea_scopes(array(select id from ideas where workshop_id = new.id)));
      return null;
    end $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: account_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_tokens (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    purpose text NOT NULL,
    token_hash text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT account_tokens_purpose_check CHECK ((purpose = ANY (ARRAY['verify_email'::text, 'reset_password'::text])))
);


--
-- Name: account_tokens_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.account_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: account_tokens_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.account_tokens_id_seq OWNED BY public.account_tokens.id;


--
-- Name: assisted_contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assisted_contacts (
    idea_id bigint NOT NULL,
    name text,
    phone text,
    email text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT assisted_contacts_lengths CHECK (((COALESCE(char_length(name), 0) <= 120) AND (COALESCE(char_length(phone), 0) <= 40) AND (COALESCE(char_length(email), 0) <= 254))),
    CONSTRAINT assisted_contacts_something CHECK ((COALESCE(name, phone, email) IS NOT NULL))
);


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    actor_id bigint,
    action text NOT NULL,
    target_type text,
    target_id bigint,
    reason text,
    before jsonb,
    after jsonb,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;


--
-- Name: categories; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.categories (
    id bigint NOT NULL,
    slug text NOT NULL,
    name jsonb NOT NULL,
    icon text NOT NULL,
    color text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL
);


--
-- Name: categories_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.categories_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: categories_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.categories_id_seq OWNED BY public.categories.id;


--
-- Name: comment_digests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.comment_digests (
    idea_id bigint NOT NULL,
    last_comment_id bigint NOT NULL,
    sent_at timestamp with time zone NOT NULL
);


--
-- Name: comments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.comments (
    id bigint NOT NULL,
    idea_id bigint NOT NULL,
    author_id bigint,
    parent_id bigint,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    edited_at timestamp with time zone,
    deleted_at timestamp with time zone,
    hidden_at timestamp with time zone,
    hidden_reason text,
    CONSTRAINT comments_body_length CHECK (((char_length(body) <= 2000) AND ((deleted_at IS NOT NULL) OR (char_length(body) >= 1)))),
    CONSTRAINT comments_hidden_reason_length CHECK (((hidden_reason IS NULL) OR (char_length(hidden_reason) <= 1000)))
);


--
-- Name: comments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.comments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: comments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.comments_id_seq OWNED BY public.comments.id;


--
-- Name: consultations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.consultations (
    id bigint NOT NULL,
    slug text NOT NULL,
    title jsonb NOT NULL,
    description jsonb NOT NULL,
    area jsonb,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    phase text DEFAULT 'collecting'::text NOT NULL,
    moderation_mode text DEFAULT 'post'::text NOT NULL,
    support_budget integer,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    support_phases text[] DEFAULT ARRAY['collecting'::text, 'voting'::text] NOT NULL,
    CONSTRAINT consultations_budget_check CHECK (((support_budget IS NULL) OR (support_budget > 0))),
    CONSTRAINT consultations_dates_check CHECK ((ends_on >= starts_on)),
    CONSTRAINT consultations_moderation_check CHECK ((moderation_mode = ANY (ARRAY['pre'::text, 'post'::text]))),
    CONSTRAINT consultations_phase_check CHECK ((phase = ANY (ARRAY['collecting'::text, 'voting'::text, 'closed'::text, 'results'::text]))),
    CONSTRAINT consultations_support_phases_check CHECK ((support_phases <@ ARRAY['collecting'::text, 'voting'::text, 'closed'::text, 'results'::text]))
);


--
-- Name: consultations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.consultations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: consultations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.consultations_id_seq OWNED BY public.consultations.id;


--
-- Name: follows; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.follows (
    user_id bigint NOT NULL,
    idea_id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: idea_imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_imports (
    id bigint NOT NULL,
    consultation_id bigint NOT NULL,
    created_by bigint,
    event_name text NOT NULL,
    file_name text NOT NULL,
    file_hash text NOT NULL,
    rows jsonb NOT NULL,
    row_count integer NOT NULL,
    state text DEFAULT 'checked'::text NOT NULL,
    imported_count integer,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    imported_at timestamp with time zone,
    CONSTRAINT idea_imports_imported CHECK (((state = 'imported'::text) = ((imported_at IS NOT NULL) AND (imported_count IS NOT NULL)))),
    CONSTRAINT idea_imports_lengths CHECK ((((char_length(event_name) >= 1) AND (char_length(event_name) <= 120)) AND (char_length(file_name) <= 255) AND ((row_count >= 0) AND (row_count <= 10000)))),
    CONSTRAINT idea_imports_state CHECK ((state = ANY (ARRAY['checked'::text, 'imported'::text])))
);


--
-- Name: idea_imports_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.idea_imports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: idea_imports_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.idea_imports_id_seq OWNED BY public.idea_imports.id;


--
-- Name: idea_map_pins; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_map_pins (
    idea_id bigint NOT NULL,
    pin bytea NOT NULL
);


--
-- Name: idea_milestone_photos; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_milestone_photos (
    id bigint NOT NULL,
    milestone_id bigint NOT NULL,
    idea_id bigint NOT NULL,
    "position" integer NOT NULL,
    large_key text NOT NULL,
    thumbnail_key text NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: idea_milestone_photos_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.idea_milestone_photos_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: idea_milestone_photos_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.idea_milestone_photos_id_seq OWNED BY public.idea_milestone_photos.id;


--
-- Name: idea_milestones; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_milestones (
    id bigint NOT NULL,
    idea_id bigint NOT NULL,
    created_by bigint,
    kind text NOT NULL,
    label jsonb,
    happened_on date NOT NULL,
    text jsonb NOT NULL,
    progress integer,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT idea_milestones_kind CHECK ((kind = ANY (ARRAY['planned'::text, 'designed'::text, 'budget_approved'::text, 'works_started'::text, 'opened'::text, 'other'::text]))),
    CONSTRAINT idea_milestones_label CHECK (((kind = 'other'::text) = (label IS NOT NULL))),
    CONSTRAINT idea_milestones_progress CHECK (((progress >= 0) AND (progress <= 100)))
);


--
-- Name: idea_milestones_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.idea_milestones_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: idea_milestones_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.idea_milestones_id_seq OWNED BY public.idea_milestones.id;


--
-- Name: idea_photos; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_photos (
    id bigint NOT NULL,
    idea_id bigint NOT NULL,
    "position" integer NOT NULL,
    large_key text NOT NULL,
    thumbnail_key text NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: idea_photos_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.idea_photos_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: idea_photos_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.idea_photos_id_seq OWNED BY public.idea_photos.id;


--
-- Name: idea_result_photos; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_result_photos (
    idea_id bigint NOT NULL,
    mark text NOT NULL,
    idea_photo_id bigint,
    milestone_photo_id bigint,
    marked_by bigint,
    marked_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT idea_result_photos_after_from_milestone CHECK (((mark = 'before'::text) OR (milestone_photo_id IS NOT NULL))),
    CONSTRAINT idea_result_photos_mark CHECK ((mark = ANY (ARRAY['before'::text, 'after'::text]))),
    CONSTRAINT idea_result_photos_one_photo CHECK (((idea_photo_id IS NULL) <> (milestone_photo_id IS NULL)))
);


--
-- Name: idea_revisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_revisions (
    id bigint NOT NULL,
    idea_id bigint NOT NULL,
    editor_id bigint,
    before jsonb NOT NULL,
    after jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    reviewed_at timestamp with time zone,
    reviewed_by bigint,
    CONSTRAINT idea_revisions_after_object CHECK ((jsonb_typeof(after) = 'object'::text)),
    CONSTRAINT idea_revisions_before_object CHECK ((jsonb_typeof(before) = 'object'::text))
);


--
-- Name: idea_revisions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.idea_revisions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: idea_revisions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.idea_revisions_id_seq OWNED BY public.idea_revisions.id;


--
-- Name: idea_status_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_status_changes (
    id bigint NOT NULL,
    idea_id bigint NOT NULL,
    changed_by bigint,
    from_status text NOT NULL,
    to_status text NOT NULL,
    answer jsonb,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: idea_status_changes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.idea_status_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: idea_status_changes_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.idea_status_changes_id_seq OWNED BY public.idea_status_changes.id;


--
-- Name: idea_translations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idea_translations (
    idea_id bigint NOT NULL,
    locale text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    translated_by bigint,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT idea_translations_description_length CHECK (((char_length(description) >= 1) AND (char_length(description) <= 5000))),
    CONSTRAINT idea_translations_locale_check CHECK ((locale = ANY (ARRAY['lv'::text, 'ru'::text, 'en'::text]))),
    CONSTRAINT idea_translations_title_length CHECK (((char_length(title) >= 1) AND (char_length(title) <= 120)))
);


--
-- Name: ideas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ideas (
    id bigint NOT NULL,
    consultation_id bigint NOT NULL,
    author_id bigint,
    title text NOT NULL,
    description text NOT NULL,
    original_locale text NOT NULL,
    category_id bigint NOT NULL,
    neb_values text[] NOT NULL,
    neb_sentences jsonb DEFAULT '{}'::jsonb NOT NULL,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL,
    place_name text,
    status text DEFAULT 'new'::text NOT NULL,
    visibility text DEFAULT 'published'::text NOT NULL,
    support_count integer DEFAULT 0 NOT NULL,
    comment_count integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    comments_locked boolean DEFAULT false NOT NULL,
    hidden_reason text,
    duplicate_of_id bigint,
    workshop_id bigint,
    workshop_participant_id bigint,
    channel text DEFAULT 'online'::text NOT NULL,
    event_name text,
    entered_by bigint,
    consent_recorded_at timestamp with time zone,
    location_approximate boolean DEFAULT false NOT NULL,
    CONSTRAINT ideas_assisted_consent_check CHECK (((channel <> ALL (ARRAY['paper'::text, 'phone'::text, 'library'::text, 'event'::text])) OR (consent_recorded_at IS NOT NULL))),
    CONSTRAINT ideas_channel_check CHECK ((channel = ANY (ARRAY['online'::text, 'paper'::text, 'phone'::text, 'library'::text, 'event'::text, 'workshop'::text]))),
    CONSTRAINT ideas_counts_check CHECK (((support_count >= 0) AND (comment_count >= 0))),
    CONSTRAINT ideas_description_length CHECK (((char_length(description) >= 1) AND (char_length(description) <= 5000))),
    CONSTRAINT ideas_event_name_check CHECK ((((channel = 'event'::text) = (event_name IS NOT NULL)) AND ((event_name IS NULL) OR ((char_length(event_name) >= 1) AND (char_length(event_name) <= 120))))),
    CONSTRAINT ideas_hidden_reason_length CHECK (((hidden_reason IS NULL) OR (char_length(hidden_reason) <= 1000))),
    CONSTRAINT ideas_latitude_check CHECK (((latitude >= ('-90'::integer)::double precision) AND (latitude <= (90)::double precision))),
    CONSTRAINT ideas_locale_check CHECK ((original_locale = ANY (ARRAY['lv'::text, 'ru'::text, 'en'::text]))),
    CONSTRAINT ideas_longitude_check CHECK (((longitude >= ('-180'::integer)::double precision) AND (longitude <= (180)::double precision))),
    CONSTRAINT ideas_neb_values_check CHECK (((cardinality(neb_values) >= 1) AND (neb_values <@ ARRAY['beautiful'::text, 'sustainable'::text, 'together'::text]))),
    CONSTRAINT ideas_not_duplicate_of_itself CHECK (((duplicate_of_id IS NULL) OR (duplicate_of_id <> id))),
    CONSTRAINT ideas_status_check CHECK ((status = ANY (ARRAY['new'::text, 'under_review'::text, 'accepted'::text, 'rejected'::text, 'in_progress'::text, 'implemented'::text]))),
    CONSTRAINT ideas_title_length CHECK (((char_length(title) >= 1) AND (char_length(title) <= 120))),
    CONSTRAINT ideas_visibility_check CHECK ((visibility = ANY (ARRAY['draft'::text, 'workshop'::text, 'pending'::text, 'published'::text, 'hidden'::text]))),
    CONSTRAINT ideas_workshop_visibility_check CHECK (((visibility <> 'workshop'::text) OR (workshop_id IS NOT NULL)))
);


--
-- Name: ideas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ideas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ideas_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.ideas_id_seq OWNED BY public.ideas.id;


--
-- Name: imported_ideas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.imported_ideas (
    consultation_id bigint NOT NULL,
    fingerprint text NOT NULL,
    idea_id bigint NOT NULL,
    import_id bigint NOT NULL
);


--
-- Name: jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.jobs (
    id bigint NOT NULL,
    kind text NOT NULL,
    payload jsonb NOT NULL,
    dedupe_key text,
    run_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    done_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: jobs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: jobs_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.jobs_id_seq OWNED BY public.jobs.id;


--
-- Name: known_login_addresses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.known_login_addresses (
    user_id bigint NOT NULL,
    address_hash text NOT NULL,
    last_login_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: login_delays; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_delays (
    key text NOT NULL,
    failures integer DEFAULT 0 NOT NULL,
    last_failure_at timestamp with time zone
);


--
-- Name: neb_assessments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.neb_assessments (
    id bigint NOT NULL,
    idea_id bigint NOT NULL,
    assessor_id bigint,
    locale text NOT NULL,
    beautiful_level smallint NOT NULL,
    beautiful_justification text DEFAULT ''::text NOT NULL,
    sustainable_level smallint NOT NULL,
    sustainable_justification text DEFAULT ''::text NOT NULL,
    together_level smallint NOT NULL,
    together_justification text DEFAULT ''::text NOT NULL,
    participatory_level smallint NOT NULL,
    participatory_justification text DEFAULT ''::text NOT NULL,
    multilevel_level smallint NOT NULL,
    multilevel_justification text DEFAULT ''::text NOT NULL,
    transdisciplinary_level smallint NOT NULL,
    transdisciplinary_justification text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    published_at timestamp with time zone,
    published_by bigint,
    CONSTRAINT neb_assessments_beautiful_justification_check CHECK ((char_length(beautiful_justification) <= 1000)),
    CONSTRAINT neb_assessments_beautiful_level_check CHECK (((beautiful_level >= 0) AND (beautiful_level <= 3))),
    CONSTRAINT neb_assessments_locale_check CHECK ((locale = ANY (ARRAY['lv'::text, 'ru'::text, 'en'::text]))),
    CONSTRAINT neb_assessments_multilevel_justification_check CHECK ((char_length(multilevel_justification) <= 1000)),
    CONSTRAINT neb_assessments_multilevel_level_check CHECK (((multilevel_level >= 0) AND (multilevel_level <= 3))),
    CONSTRAINT neb_assessments_participatory_justification_check CHECK ((char_length(participatory_justification) <= 1000)),
    CONSTRAINT neb_assessments_participatory_level_check CHECK (((participatory_level >= 0) AND (participatory_level <= 3))),
    CONSTRAINT neb_assessments_sustainable_justification_check CHECK ((char_length(sustainable_justification) <= 1000)),
    CONSTRAINT neb_assessments_sustainable_level_check CHECK (((sustainable_level >= 0) AND (sustainable_level <= 3))),
    CONSTRAINT neb_assessments_together_justification_check CHECK ((char_length(together_justification) <= 1000)),
    CONSTRAINT neb_assessments_together_level_check CHECK (((together_level >= 0) AND (together_level <= 3))),
    CONSTRAINT neb_assessments_transdisciplinary_justification_check CHECK ((char_length(transdisciplinary_justification) <= 1000)),
    CONSTRAINT neb_assessments_transdisciplinary_level_check CHECK (((transdisciplinary_level >= 0) AND (transdisciplinary_level <= 3)))
);


--
-- Name: neb_assessments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.neb_assessments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: neb_assessments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.neb_assessments_id_seq OWNED BY public.neb_assessments.id;


--
-- Name: paper_form_grids; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.paper_form_grids (
    id bigint NOT NULL,
    consultation_id bigint NOT NULL,
    west double precision NOT NULL,
    south double precision NOT NULL,
    east double precision NOT NULL,
    north double precision NOT NULL,
    columns integer NOT NULL,
    rows integer NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT paper_form_grids_bounds CHECK (((west < east) AND (south < north))),
    CONSTRAINT paper_form_grids_size CHECK ((((columns >= 1) AND (columns <= 26)) AND ((rows >= 1) AND (rows <= 26))))
);


--
-- Name: paper_form_grids_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.paper_form_grids_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: paper_form_grids_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.paper_form_grids_id_seq OWNED BY public.paper_form_grids.id;


--
-- Name: photo_files; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.photo_files (
    key text NOT NULL,
    content bytea NOT NULL,
    content_type text NOT NULL,
    byte_size integer NOT NULL,
    sha256 text NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT photo_files_byte_size_check CHECK ((byte_size = octet_length(content)))
);
ALTER TABLE ONLY public.photo_files ALTER COLUMN content SET STORAGE EXTERNAL;


--
-- Name: places; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.places (
    id bigint NOT NULL,
    slug text NOT NULL,
    kind text NOT NULL,
    name jsonb NOT NULL,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL,
    CONSTRAINT places_kind_check CHECK ((kind = ANY (ARRAY['neighbourhood'::text, 'landmark'::text])))
);


--
-- Name: places_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.places_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: places_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.places_id_seq OWNED BY public.places.id;


--
-- Name: public_change_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.public_change_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: rate_limits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rate_limits (
    key text NOT NULL,
    hits integer NOT NULL,
    reset_at timestamp with time zone NOT NULL
);


--
-- Name: recovery_codes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.recovery_codes (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    code_hash text NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: recovery_codes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.recovery_codes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: recovery_codes_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.recovery_codes_id_seq OWNED BY public.recovery_codes.id;


--
-- Name: reports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reports (
    id bigint NOT NULL,
    reporter_id bigint NOT NULL,
    idea_id bigint,
    comment_id bigint,
    reason text NOT NULL,
    details text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    resolved_at timestamp with time zone,
    CONSTRAINT reports_details_length CHECK (((details IS NULL) OR (char_length(details) <= 500))),
    CONSTRAINT reports_one_target CHECK (((idea_id IS NULL) <> (comment_id IS NULL))),
    CONSTRAINT reports_reason_check CHECK ((reason = ANY (ARRAY['spam'::text, 'offensive'::text, 'personal_data'::text, 'off_topic'::text, 'other'::text])))
);


--
-- Name: reports_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.reports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: reports_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.reports_id_seq OWNED BY public.reports.id;


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    sid character varying(255) NOT NULL,
    sess json NOT NULL,
    expired timestamp with time zone NOT NULL,
    user_id bigint GENERATED ALWAYS AS (
CASE
    WHEN (((sess -> 'passport'::text) ->> 'user'::text) ~ '^[0-9]{1,18}$'::text) THEN (((sess -> 'passport'::text) ->> 'user'::text))::bigint
    ELSE NULL::bigint
END) STORED
);


--
-- Name: statements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.statements (
    kind text NOT NULL,
    locale text NOT NULL,
    body text NOT NULL,
    reviewed_on date NOT NULL,
    updated_by bigint,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT statements_body_length CHECK (((char_length(body) >= 1) AND (char_length(body) <= 20000))),
    CONSTRAINT statements_kind_check CHECK ((kind = ANY (ARRAY['accessibility'::text, 'privacy'::text, 'about'::text]))),
    CONSTRAINT statements_locale_check CHECK ((locale = ANY (ARRAY['lv'::text, 'ru'::text, 'en'::text])))
);


--
-- Name: supports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.supports (
    idea_id bigint NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    email text,
    display_name text,
    password_hash text,
    preferred_locale text DEFAULT 'lv'::text NOT NULL,
    role text DEFAULT 'resident'::text NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_login_at timestamp with time zone,
    notify_comments boolean DEFAULT true NOT NULL,
    notify_updates boolean DEFAULT true NOT NULL,
    blocked_at timestamp with time zone,
    email_verified_at timestamp with time zone,
    totp_secret text,
    totp_enabled_at timestamp with time zone,
    totp_last_step bigint,
    deleted_at timestamp with time zone,
    inactivity_warned_at timestamp with time zone,
    totp_key_id text,
    CONSTRAINT users_display_name_length CHECK (((char_length(display_name) >= 1) AND (char_length(display_name) <= 80))),
    CONSTRAINT users_erased_or_complete CHECK ((((deleted_at IS NULL) AND (email IS NOT NULL) AND (display_name IS NOT NULL) AND (password_hash IS NOT NULL)) OR ((deleted_at IS NOT NULL) AND (email IS NULL) AND (display_name IS NULL) AND (password_hash IS NULL)))),
    CONSTRAINT users_locale_check CHECK ((preferred_locale = ANY (ARRAY['lv'::text, 'ru'::text, 'en'::text]))),
    CONSTRAINT users_role_check CHECK ((role = ANY (ARRAY['resident'::text, 'volunteer'::text, 'facilitator'::text, 'planner'::text, 'moderator'::text, 'admin'::text]))),
    CONSTRAINT users_totp_check CHECK (((totp_enabled_at IS NULL) OR (totp_secret IS NOT NULL))),
    CONSTRAINT users_totp_key_check CHECK (((totp_key_id IS NULL) OR (totp_secret IS NOT NULL)))
);


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


--
-- Name: workshop_ballot_ideas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshop_ballot_ideas (
    workshop_id bigint NOT NULL,
    idea_id bigint NOT NULL
);


--
-- Name: workshop_dots; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshop_dots (
    workshop_id bigint NOT NULL,
    participant_id bigint NOT NULL,
    idea_id bigint NOT NULL,
    dots integer NOT NULL,
    CONSTRAINT workshop_dots_count_check CHECK (((dots >= 1) AND (dots <= 20)))
);


--
-- Name: workshop_participants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshop_participants (
    id bigint NOT NULL,
    workshop_id bigint NOT NULL,
    nickname text,
    age_group text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT workshop_participants_age_group_check CHECK ((age_group = ANY (ARRAY['under_13'::text, '13_15'::text, '16_18'::text, '19_25'::text, 'over_25'::text]))),
    CONSTRAINT workshop_participants_nickname_length CHECK (((char_length(nickname) >= 1) AND (char_length(nickname) <= 40)))
);


--
-- Name: workshop_participants_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.workshop_participants_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: workshop_participants_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.workshop_participants_id_seq OWNED BY public.workshop_participants.id;


--
-- Name: workshop_results; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshop_results (
    workshop_id bigint NOT NULL,
    "position" integer NOT NULL,
    idea_id bigint,
    idea_title text NOT NULL,
    category_slug text NOT NULL,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL,
    pinned_here boolean NOT NULL,
    dots integer NOT NULL,
    CONSTRAINT workshop_results_dots_check CHECK ((dots >= 0))
);


--
-- Name: workshop_streams; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshop_streams (
    id bigint NOT NULL,
    workshop_id bigint NOT NULL,
    participant_id bigint NOT NULL,
    seen_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: workshop_streams_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.workshop_streams_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: workshop_streams_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.workshop_streams_id_seq OWNED BY public.workshop_streams.id;


--
-- Name: workshops; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshops (
    id bigint NOT NULL,
    name text NOT NULL,
    consultation_id bigint NOT NULL,
    created_by bigint,
    held_on date NOT NULL,
    locale text NOT NULL,
    dot_budget integer NOT NULL,
    max_dots_per_idea integer NOT NULL,
    ballot text DEFAULT 'workshop'::text NOT NULL,
    state text DEFAULT 'draft'::text NOT NULL,
    join_code text NOT NULL,
    closed_at timestamp with time zone,
    handed_off_at timestamp with time zone,
    result_participants integer,
    result_age_groups jsonb,
    participants_deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT workshops_ballot_check CHECK ((ballot = ANY (ARRAY['workshop'::text, 'consultation'::text, 'chosen'::text]))),
    CONSTRAINT workshops_closed_check CHECK (((state = 'closed'::text) = (closed_at IS NOT NULL))),
    CONSTRAINT workshops_dots_check CHECK ((((dot_budget >= 1) AND (dot_budget <= 20)) AND ((max_dots_per_idea >= 1) AND (max_dots_per_idea <= dot_budget)))),
    CONSTRAINT workshops_join_code_check CHECK ((join_code ~ '^[A-HJ-NP-Z2-9]{6}$'::text)),
    CONSTRAINT workshops_locale_check CHECK ((locale = ANY (ARRAY['lv'::text, 'ru'::text, 'en'::text]))),
    CONSTRAINT workshops_name_length CHECK (((char_length(name) >= 1) AND (char_length(name) <= 120))),
    CONSTRAINT workshops_state_check CHECK ((state = ANY (ARRAY['draft'::text, 'open'::text, 'voting'::text, 'closed'::text])))
);


--
-- Name: workshops_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.workshops_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: workshops_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.workshops_id_seq OWNED BY public.workshops.id;


--
-- Name: account_tokens id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_tokens ALTER COLUMN id SET DEFAULT nextval('public.account_tokens_id_seq'::regclass);


--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);


--
-- Name: categories id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories ALTER COLUMN id SET DEFAULT nextval('public.categories_id_seq'::regclass);


--
-- Name: comments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments ALTER COLUMN id SET DEFAULT nextval('public.comments_id_seq'::regclass);


--
-- Name: consultations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consultations ALTER COLUMN id SET DEFAULT nextval('public.consultations_id_seq'::regclass);


--
-- Name: idea_imports id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_imports ALTER COLUMN id SET DEFAULT nextval('public.idea_imports_id_seq'::regclass);


--
-- Name: idea_milestone_photos id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestone_photos ALTER COLUMN id SET DEFAULT nextval('public.idea_milestone_photos_id_seq'::regclass);


--
-- Name: idea_milestones id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestones ALTER COLUMN id SET DEFAULT nextval('public.idea_milestones_id_seq'::regclass);


--
-- Name: idea_photos id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_photos ALTER COLUMN id SET DEFAULT nextval('public.idea_photos_id_seq'::regclass);


--
-- Name: idea_revisions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_revisions ALTER COLUMN id SET DEFAULT nextval('public.idea_revisions_id_seq'::regclass);


--
-- Name: idea_status_changes id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_status_changes ALTER COLUMN id SET DEFAULT nextval('public.idea_status_changes_id_seq'::regclass);


--
-- Name: ideas id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas ALTER COLUMN id SET DEFAULT nextval('public.ideas_id_seq'::regclass);


--
-- Name: jobs id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs ALTER COLUMN id SET DEFAULT nextval('public.jobs_id_seq'::regclass);


--
-- Name: neb_assessments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.neb_assessments ALTER COLUMN id SET DEFAULT nextval('public.neb_assessments_id_seq'::regclass);


--
-- Name: paper_form_grids id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.paper_form_grids ALTER COLUMN id SET DEFAULT nextval('public.paper_form_grids_id_seq'::regclass);


--
-- Name: places id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.places ALTER COLUMN id SET DEFAULT nextval('public.places_id_seq'::regclass);


--
-- Name: recovery_codes id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recovery_codes ALTER COLUMN id SET DEFAULT nextval('public.recovery_codes_id_seq'::regclass);


--
-- Name: reports id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports ALTER COLUMN id SET DEFAULT nextval('public.reports_id_seq'::regclass);


--
-- Name: users id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


--
-- Name: workshop_participants id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_participants ALTER COLUMN id SET DEFAULT nextval('public.workshop_participants_id_seq'::regclass);


--
-- Name: workshop_streams id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_streams ALTER COLUMN id SET DEFAULT nextval('public.workshop_streams_id_seq'::regclass);


--
-- Name: workshops id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops ALTER COLUMN id SET DEFAULT nextval('public.workshops_id_seq'::regclass);


--
-- Name: account_tokens account_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_tokens
    ADD CONSTRAINT account_tokens_pkey PRIMARY KEY (id);


--
-- Name: assisted_contacts assisted_contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assisted_contacts
    ADD CONSTRAINT assisted_contacts_pkey PRIMARY KEY (idea_id);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: categories categories_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);


--
-- Name: categories categories_slug_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_slug_unique UNIQUE (slug);


--
-- Name: comment_digests comment_digests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comment_digests
    ADD CONSTRAINT comment_digests_pkey PRIMARY KEY (idea_id);


--
-- Name: comments comments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_pkey PRIMARY KEY (id);


--
-- Name: consultations consultations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consultations
    ADD CONSTRAINT consultations_pkey PRIMARY KEY (id);


--
-- Name: consultations consultations_slug_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consultations
    ADD CONSTRAINT consultations_slug_unique UNIQUE (slug);


--
-- Name: follows follows_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.follows
    ADD CONSTRAINT follows_pkey PRIMARY KEY (user_id, idea_id);


--
-- Name: idea_imports idea_imports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_imports
    ADD CONSTRAINT idea_imports_pkey PRIMARY KEY (id);


--
-- Name: idea_map_pins idea_map_pins_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_map_pins
    ADD CONSTRAINT idea_map_pins_pkey PRIMARY KEY (idea_id);


--
-- Name: idea_milestone_photos idea_milestone_photos_milestone_id_position_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestone_photos
    ADD CONSTRAINT idea_milestone_photos_milestone_id_position_unique UNIQUE (milestone_id, "position");


--
-- Name: idea_milestone_photos idea_milestone_photos_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestone_photos
    ADD CONSTRAINT idea_milestone_photos_pkey PRIMARY KEY (id);


--
-- Name: idea_milestones idea_milestones_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestones
    ADD CONSTRAINT idea_milestones_pkey PRIMARY KEY (id);


--
-- Name: idea_photos idea_photos_idea_id_position_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_photos
    ADD CONSTRAINT idea_photos_idea_id_position_unique UNIQUE (idea_id, "position");


--
-- Name: idea_photos idea_photos_large_key_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_photos
    ADD CONSTRAINT idea_photos_large_key_unique UNIQUE (large_key);


--
-- Name: idea_photos idea_photos_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_photos
    ADD CONSTRAINT idea_photos_pkey PRIMARY KEY (id);


--
-- Name: idea_photos idea_photos_thumbnail_key_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_photos
    ADD CONSTRAINT idea_photos_thumbnail_key_unique UNIQUE (thumbnail_key);


--
-- Name: idea_result_photos idea_result_photos_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_result_photos
    ADD CONSTRAINT idea_result_photos_pkey PRIMARY KEY (idea_id, mark);


--
-- Name: idea_revisions idea_revisions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_revisions
    ADD CONSTRAINT idea_revisions_pkey PRIMARY KEY (id);


--
-- Name: idea_status_changes idea_status_changes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_status_changes
    ADD CONSTRAINT idea_status_changes_pkey PRIMARY KEY (id);


--
-- Name: idea_translations idea_translations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_translations
    ADD CONSTRAINT idea_translations_pkey PRIMARY KEY (idea_id, locale);


--
-- Name: ideas ideas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas
    ADD CONSTRAINT ideas_pkey PRIMARY KEY (id);


--
-- Name: imported_ideas imported_ideas_idea_id_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imported_ideas
    ADD CONSTRAINT imported_ideas_idea_id_unique UNIQUE (idea_id);


--
-- Name: imported_ideas imported_ideas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imported_ideas
    ADD CONSTRAINT imported_ideas_pkey PRIMARY KEY (consultation_id, fingerprint);


--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);


--
-- Name: known_login_addresses known_login_addresses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.known_login_addresses
    ADD CONSTRAINT known_login_addresses_pkey PRIMARY KEY (user_id, address_hash);


--
-- Name: login_delays login_delays_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_delays
    ADD CONSTRAINT login_delays_pkey PRIMARY KEY (key);


--
-- Name: neb_assessments neb_assessments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.neb_assessments
    ADD CONSTRAINT neb_assessments_pkey PRIMARY KEY (id);


--
-- Name: paper_form_grids paper_form_grids_consultation_id_west_south_east_north_columns_; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.paper_form_grids
    ADD CONSTRAINT paper_form_grids_consultation_id_west_south_east_north_columns_ UNIQUE (consultation_id, west, south, east, north, columns, rows);


--
-- Name: paper_form_grids paper_form_grids_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.paper_form_grids
    ADD CONSTRAINT paper_form_grids_pkey PRIMARY KEY (id);


--
-- Name: photo_files photo_files_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photo_files
    ADD CONSTRAINT photo_files_pkey PRIMARY KEY (key);


--
-- Name: places places_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.places
    ADD CONSTRAINT places_pkey PRIMARY KEY (id);


--
-- Name: places places_slug_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.places
    ADD CONSTRAINT places_slug_unique UNIQUE (slug);


--
-- Name: rate_limits rate_limits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rate_limits
    ADD CONSTRAINT rate_limits_pkey PRIMARY KEY (key);


--
-- Name: recovery_codes recovery_codes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recovery_codes
    ADD CONSTRAINT recovery_codes_pkey PRIMARY KEY (id);


--
-- Name: reports reports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_pkey PRIMARY KEY (id);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (sid);


--
-- Name: statements statements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.statements
    ADD CONSTRAINT statements_pkey PRIMARY KEY (kind, locale);


--
-- Name: supports supports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supports
    ADD CONSTRAINT supports_pkey PRIMARY KEY (idea_id, user_id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: workshop_ballot_ideas workshop_ballot_ideas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_ballot_ideas
    ADD CONSTRAINT workshop_ballot_ideas_pkey PRIMARY KEY (workshop_id, idea_id);


--
-- Name: workshop_dots workshop_dots_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_dots
    ADD CONSTRAINT workshop_dots_pkey PRIMARY KEY (participant_id, idea_id);


--
-- Name: workshop_participants workshop_participants_id_workshop_id_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_participants
    ADD CONSTRAINT workshop_participants_id_workshop_id_unique UNIQUE (id, workshop_id);


--
-- Name: workshop_participants workshop_participants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_participants
    ADD CONSTRAINT workshop_participants_pkey PRIMARY KEY (id);


--
-- Name: workshop_results workshop_results_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_results
    ADD CONSTRAINT workshop_results_pkey PRIMARY KEY (workshop_id, "position");


--
-- Name: workshop_streams workshop_streams_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_streams
    ADD CONSTRAINT workshop_streams_pkey PRIMARY KEY (id);


--
-- Name: workshops workshops_join_code_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT workshops_join_code_unique UNIQUE (join_code);


--
-- Name: workshops workshops_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT workshops_pkey PRIMARY KEY (id);


--
-- Name: account_tokens_expires_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_tokens_expires_at_index ON public.account_tokens USING btree (expires_at);


--
-- Name: account_tokens_user_id_purpose_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_tokens_user_id_purpose_index ON public.account_tokens USING btree (user_id, purpose);


--
-- Name: audit_log_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_created_at_index ON public.audit_log USING btree (created_at);


--
-- Name: comments_idea_top_level; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX comments_idea_top_level ON public.comments USING btree (idea_id, created_at) WHERE (parent_id IS NULL);


--
-- Name: comments_parent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX comments_parent ON public.comments USING btree (parent_id, created_at) WHERE (parent_id IS NOT NULL);


--
-- Name: follows_idea_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX follows_idea_id_index ON public.follows USING btree (idea_id);


--
-- Name: idea_imports_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idea_imports_created_at_index ON public.idea_imports USING btree (created_at);


--
-- Name: idea_milestone_photos_idea_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idea_milestone_photos_idea_id_index ON public.idea_milestone_photos USING btree (idea_id);


--
-- Name: idea_milestones_created_by_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idea_milestones_created_by_index ON public.idea_milestones USING btree (created_by);


--
-- Name: idea_milestones_idea_id_happened_on_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idea_milestones_idea_id_happened_on_index ON public.idea_milestones USING btree (idea_id, happened_on);


--
-- Name: idea_revisions_editor; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idea_revisions_editor ON public.idea_revisions USING btree (editor_id) WHERE (editor_id IS NOT NULL);


--
-- Name: idea_revisions_idea; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idea_revisions_idea ON public.idea_revisions USING btree (idea_id, created_at DESC);


--
-- Name: idea_revisions_unreviewed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idea_revisions_unreviewed ON public.idea_revisions USING btree (idea_id) WHERE (reviewed_at IS NULL);


--
-- Name: idea_status_changes_idea_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idea_status_changes_idea_id_created_at_index ON public.idea_status_changes USING btree (idea_id, created_at);


--
-- Name: ideas_author; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_author ON public.ideas USING btree (author_id);


--
-- Name: ideas_consultation_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_consultation_created ON public.ideas USING btree (consultation_id, created_at DESC);


--
-- Name: ideas_duplicate_of; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_duplicate_of ON public.ideas USING btree (duplicate_of_id) WHERE (duplicate_of_id IS NOT NULL);


--
-- Name: ideas_entered_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_entered_by ON public.ideas USING btree (entered_by) WHERE (entered_by IS NOT NULL);


--
-- Name: ideas_pending_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_pending_created ON public.ideas USING btree (created_at DESC) WHERE (visibility = 'pending'::text);


--
-- Name: ideas_published_discussed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_published_discussed ON public.ideas USING btree (comment_count DESC, created_at DESC, id DESC) WHERE (visibility = 'published'::text);


--
-- Name: ideas_published_location; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_published_location ON public.ideas USING gist (point(longitude, latitude)) WHERE (visibility = 'published'::text);


--
-- Name: ideas_published_newest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_published_newest ON public.ideas USING btree (created_at DESC, id DESC) WHERE (visibility = 'published'::text);


--
-- Name: ideas_published_supported; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_published_supported ON public.ideas USING btree (support_count DESC, created_at DESC, id DESC) WHERE (visibility = 'published'::text);


--
-- Name: ideas_workshop; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_workshop ON public.ideas USING btree (workshop_id) WHERE (workshop_id IS NOT NULL);


--
-- Name: ideas_workshop_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ideas_workshop_participant ON public.ideas USING btree (workshop_participant_id) WHERE (workshop_participant_id IS NOT NULL);


--
-- Name: imported_ideas_import_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX imported_ideas_import_id_index ON public.imported_ideas USING btree (import_id);


--
-- Name: jobs_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jobs_due ON public.jobs USING btree (run_at) WHERE (done_at IS NULL);


--
-- Name: jobs_pending_dedupe; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX jobs_pending_dedupe ON public.jobs USING btree (dedupe_key) WHERE ((done_at IS NULL) AND (dedupe_key IS NOT NULL));


--
-- Name: login_delays_last_failure_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_delays_last_failure_at_index ON public.login_delays USING btree (last_failure_at);


--
-- Name: neb_assessments_assessor_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX neb_assessments_assessor_id_index ON public.neb_assessments USING btree (assessor_id);


--
-- Name: neb_assessments_idea_id_published_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX neb_assessments_idea_id_published_at_index ON public.neb_assessments USING btree (idea_id, published_at);


--
-- Name: rate_limits_reset_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rate_limits_reset_at_index ON public.rate_limits USING btree (reset_at);


--
-- Name: recovery_codes_user_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recovery_codes_user_id_index ON public.recovery_codes USING btree (user_id);


--
-- Name: reports_one_per_comment; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX reports_one_per_comment ON public.reports USING btree (reporter_id, comment_id) WHERE (comment_id IS NOT NULL);


--
-- Name: reports_one_per_idea; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX reports_one_per_idea ON public.reports USING btree (reporter_id, idea_id) WHERE (idea_id IS NOT NULL);


--
-- Name: reports_open_comments; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_open_comments ON public.reports USING btree (comment_id) WHERE ((resolved_at IS NULL) AND (comment_id IS NOT NULL));


--
-- Name: reports_open_ideas; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_open_ideas ON public.reports USING btree (idea_id) WHERE ((resolved_at IS NULL) AND (idea_id IS NOT NULL));


--
-- Name: sessions_expired_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_expired_index ON public.sessions USING btree (expired);


--
-- Name: sessions_user_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_user_id_index ON public.sessions USING btree (user_id);


--
-- Name: supports_user_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX supports_user_id_index ON public.supports USING btree (user_id);


--
-- Name: users_email_unique; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX users_email_unique ON public.users USING btree (lower(email));


--
-- Name: workshop_dots_workshop_id_idea_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workshop_dots_workshop_id_idea_id_index ON public.workshop_dots USING btree (workshop_id, idea_id);


--
-- Name: workshop_participants_workshop_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workshop_participants_workshop_id_index ON public.workshop_participants USING btree (workshop_id);


--
-- Name: workshop_streams_workshop_id_participant_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workshop_streams_workshop_id_participant_id_index ON public.workshop_streams USING btree (workshop_id, participant_id);


--
-- Name: workshops_closed_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workshops_closed_at ON public.workshops USING btree (closed_at) WHERE (participants_deleted_at IS NULL);


--
-- Name: workshops_created_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX workshops_created_by ON public.workshops USING btree (created_by);


--
-- Name: audit_log audit_log_no_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_change BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.audit_log_is_append_only();


--
-- Name: categories categories_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER categories_public_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.categories FOR EACH STATEMENT EXECUTE FUNCTION public.reference_announce_public_change();


--
-- Name: comments comments_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER comments_delete_public_change AFTER DELETE ON public.comments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('page');


--
-- Name: comments comments_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER comments_insert_public_change AFTER INSERT ON public.comments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('page');


--
-- Name: comments comments_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER comments_truncate_public_change AFTER TRUNCATE ON public.comments FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: comments comments_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER comments_update_public_change AFTER UPDATE ON public.comments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('page');


--
-- Name: consultations consultations_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consultations_public_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.consultations FOR EACH STATEMENT EXECUTE FUNCTION public.reference_announce_public_change();


--
-- Name: follows follows_delete_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER follows_delete_person_change AFTER DELETE ON public.follows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.person_rows_announce_change();


--
-- Name: follows follows_insert_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER follows_insert_person_change AFTER INSERT ON public.follows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.person_rows_announce_change();


--
-- Name: follows follows_truncate_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER follows_truncate_person_change AFTER TRUNCATE ON public.follows FOR EACH STATEMENT EXECUTE FUNCTION public.person_announce_change();


--
-- Name: follows follows_update_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER follows_update_person_change AFTER UPDATE ON public.follows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.person_rows_announce_change();


--
-- Name: idea_milestone_photos idea_milestone_photos_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_milestone_photos_delete_public_change AFTER DELETE ON public.idea_milestone_photos REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_milestone_photos idea_milestone_photos_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_milestone_photos_insert_public_change AFTER INSERT ON public.idea_milestone_photos REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_milestone_photos idea_milestone_photos_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_milestone_photos_truncate_public_change AFTER TRUNCATE ON public.idea_milestone_photos FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: idea_milestone_photos idea_milestone_photos_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_milestone_photos_update_public_change AFTER UPDATE ON public.idea_milestone_photos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_milestones idea_milestones_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_milestones_delete_public_change AFTER DELETE ON public.idea_milestones REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_milestones idea_milestones_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_milestones_insert_public_change AFTER INSERT ON public.idea_milestones REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_milestones idea_milestones_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_milestones_truncate_public_change AFTER TRUNCATE ON public.idea_milestones FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: idea_milestones idea_milestones_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_milestones_update_public_change AFTER UPDATE ON public.idea_milestones REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_photos idea_photos_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_photos_delete_public_change AFTER DELETE ON public.idea_photos REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_photos idea_photos_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_photos_insert_public_change AFTER INSERT ON public.idea_photos REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_photos idea_photos_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_photos_truncate_public_change AFTER TRUNCATE ON public.idea_photos FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: idea_photos idea_photos_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_photos_update_public_change AFTER UPDATE ON public.idea_photos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_result_photos idea_result_photos_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_result_photos_delete_public_change AFTER DELETE ON public.idea_result_photos REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_result_photos idea_result_photos_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_result_photos_insert_public_change AFTER INSERT ON public.idea_result_photos REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_result_photos idea_result_photos_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_result_photos_truncate_public_change AFTER TRUNCATE ON public.idea_result_photos FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: idea_result_photos idea_result_photos_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_result_photos_update_public_change AFTER UPDATE ON public.idea_result_photos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_status_changes idea_status_changes_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_status_changes_delete_public_change AFTER DELETE ON public.idea_status_changes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('page');


--
-- Name: idea_status_changes idea_status_changes_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_status_changes_insert_public_change AFTER INSERT ON public.idea_status_changes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('page');


--
-- Name: idea_status_changes idea_status_changes_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_status_changes_truncate_public_change AFTER TRUNCATE ON public.idea_status_changes FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: idea_status_changes idea_status_changes_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_status_changes_update_public_change AFTER UPDATE ON public.idea_status_changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('page');


--
-- Name: idea_translations idea_translations_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_translations_delete_public_change AFTER DELETE ON public.idea_translations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_translations idea_translations_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_translations_insert_public_change AFTER INSERT ON public.idea_translations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: idea_translations idea_translations_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_translations_truncate_public_change AFTER TRUNCATE ON public.idea_translations FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: idea_translations idea_translations_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER idea_translations_update_public_change AFTER UPDATE ON public.idea_translations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: ideas ideas_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ideas_delete_public_change AFTER DELETE ON public.ideas REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.ideas_announce_public_change();


--
-- Name: ideas ideas_insert_map_pins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ideas_insert_map_pins AFTER INSERT ON public.ideas REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.ideas_insert_map_pins();


--
-- Name: ideas ideas_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ideas_insert_public_change AFTER INSERT ON public.ideas REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.ideas_announce_public_change();


--
-- Name: ideas ideas_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ideas_truncate_public_change AFTER TRUNCATE ON public.ideas FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: ideas ideas_update_map_pin; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ideas_update_map_pin AFTER UPDATE OF visibility, longitude, latitude, consultation_id, category_id, status, neb_values ON public.ideas FOR EACH ROW EXECUTE FUNCTION public.ideas_update_map_pin();


--
-- Name: ideas ideas_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ideas_update_public_change AFTER UPDATE ON public.ideas REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.ideas_announce_public_change();


--
-- Name: neb_assessments neb_assessments_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER neb_assessments_delete_public_change AFTER DELETE ON public.neb_assessments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: neb_assessments neb_assessments_insert_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER neb_assessments_insert_public_change AFTER INSERT ON public.neb_assessments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: neb_assessments neb_assessments_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER neb_assessments_truncate_public_change AFTER TRUNCATE ON public.neb_assessments FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: neb_assessments neb_assessments_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER neb_assessments_update_public_change AFTER UPDATE ON public.neb_assessments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.idea_rows_announce_public_change('listed');


--
-- Name: places places_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER places_public_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.places FOR EACH STATEMENT EXECUTE FUNCTION public.reference_announce_public_change();


--
-- Name: sessions sessions_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sessions_person_change AFTER INSERT OR DELETE OR UPDATE ON public.sessions FOR EACH ROW EXECUTE FUNCTION public.person_announce_change();


--
-- Name: sessions sessions_truncate_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sessions_truncate_person_change AFTER TRUNCATE ON public.sessions FOR EACH STATEMENT EXECUTE FUNCTION public.person_announce_change();


--
-- Name: statements statements_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER statements_public_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.statements FOR EACH STATEMENT EXECUTE FUNCTION public.reference_announce_public_change();


--
-- Name: supports supports_delete_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER supports_delete_person_change AFTER DELETE ON public.supports REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.person_rows_announce_change();


--
-- Name: supports supports_insert_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER supports_insert_person_change AFTER INSERT ON public.supports REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.person_rows_announce_change();


--
-- Name: supports supports_truncate_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER supports_truncate_person_change AFTER TRUNCATE ON public.supports FOR EACH STATEMENT EXECUTE FUNCTION public.person_announce_change();


--
-- Name: supports supports_update_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER supports_update_person_change AFTER UPDATE ON public.supports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.person_rows_announce_change();


--
-- Name: users users_delete_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_delete_public_change AFTER DELETE ON public.users REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.users_announce_public_change();


--
-- Name: users users_person_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_person_change AFTER DELETE OR UPDATE OF email, display_name, role, preferred_locale, blocked_at, email_verified_at, totp_enabled_at, deleted_at ON public.users FOR EACH ROW EXECUTE FUNCTION public.person_announce_change();


--
-- Name: users users_truncate_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_truncate_public_change AFTER TRUNCATE ON public.users FOR EACH STATEMENT EXECUTE FUNCTION public.everything_announce_public_change();


--
-- Name: users users_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_update_public_change AFTER UPDATE OF display_name ON public.users FOR EACH ROW WHEN ((old.display_name IS DISTINCT FROM new.display_name)) EXECUTE FUNCTION public.users_announce_public_change();


--
-- Name: workshops workshops_update_public_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER workshops_update_public_change AFTER UPDATE OF name ON public.workshops FOR EACH ROW WHEN ((old.name IS DISTINCT FROM new.name)) EXECUTE FUNCTION public.workshops_announce_public_change();


--
-- Name: account_tokens account_tokens_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_tokens
    ADD CONSTRAINT account_tokens_user_id_foreign FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: assisted_contacts assisted_contacts_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assisted_contacts
    ADD CONSTRAINT assisted_contacts_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: audit_log audit_log_actor_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_actor_id_foreign FOREIGN KEY (actor_id) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: comment_digests comment_digests_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comment_digests
    ADD CONSTRAINT comment_digests_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: comments comments_author_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_author_id_foreign FOREIGN KEY (author_id) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: comments comments_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: comments comments_parent_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_parent_id_foreign FOREIGN KEY (parent_id) REFERENCES public.comments(id) ON DELETE CASCADE;


--
-- Name: follows follows_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.follows
    ADD CONSTRAINT follows_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: follows follows_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.follows
    ADD CONSTRAINT follows_user_id_foreign FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: idea_imports idea_imports_consultation_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_imports
    ADD CONSTRAINT idea_imports_consultation_id_foreign FOREIGN KEY (consultation_id) REFERENCES public.consultations(id) ON DELETE CASCADE;


--
-- Name: idea_imports idea_imports_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_imports
    ADD CONSTRAINT idea_imports_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: idea_map_pins idea_map_pins_idea_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_map_pins
    ADD CONSTRAINT idea_map_pins_idea_id_fkey FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: idea_milestone_photos idea_milestone_photos_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestone_photos
    ADD CONSTRAINT idea_milestone_photos_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: idea_milestone_photos idea_milestone_photos_milestone_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestone_photos
    ADD CONSTRAINT idea_milestone_photos_milestone_id_foreign FOREIGN KEY (milestone_id) REFERENCES public.idea_milestones(id) ON DELETE CASCADE;


--
-- Name: idea_milestones idea_milestones_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestones
    ADD CONSTRAINT idea_milestones_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: idea_milestones idea_milestones_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_milestones
    ADD CONSTRAINT idea_milestones_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: idea_photos idea_photos_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_photos
    ADD CONSTRAINT idea_photos_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: idea_result_photos idea_result_photos_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_result_photos
    ADD CONSTRAINT idea_result_photos_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: idea_result_photos idea_result_photos_idea_photo_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_result_photos
    ADD CONSTRAINT idea_result_photos_idea_photo_id_foreign FOREIGN KEY (idea_photo_id) REFERENCES public.idea_photos(id) ON DELETE CASCADE;


--
-- Name: idea_result_photos idea_result_photos_marked_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_result_photos
    ADD CONSTRAINT idea_result_photos_marked_by_foreign FOREIGN KEY (marked_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: idea_result_photos idea_result_photos_milestone_photo_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_result_photos
    ADD CONSTRAINT idea_result_photos_milestone_photo_id_foreign FOREIGN KEY (milestone_photo_id) REFERENCES public.idea_milestone_photos(id) ON DELETE CASCADE;


--
-- Name: idea_revisions idea_revisions_editor_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_revisions
    ADD CONSTRAINT idea_revisions_editor_id_foreign FOREIGN KEY (editor_id) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: idea_revisions idea_revisions_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_revisions
    ADD CONSTRAINT idea_revisions_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: idea_revisions idea_revisions_reviewed_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_revisions
    ADD CONSTRAINT idea_revisions_reviewed_by_foreign FOREIGN KEY (reviewed_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: idea_status_changes idea_status_changes_changed_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_status_changes
    ADD CONSTRAINT idea_status_changes_changed_by_foreign FOREIGN KEY (changed_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: idea_status_changes idea_status_changes_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_status_changes
    ADD CONSTRAINT idea_status_changes_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: idea_translations idea_translations_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_translations
    ADD CONSTRAINT idea_translations_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: idea_translations idea_translations_translated_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idea_translations
    ADD CONSTRAINT idea_translations_translated_by_foreign FOREIGN KEY (translated_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: ideas ideas_author_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas
    ADD CONSTRAINT ideas_author_id_foreign FOREIGN KEY (author_id) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: ideas ideas_category_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas
    ADD CONSTRAINT ideas_category_id_foreign FOREIGN KEY (category_id) REFERENCES public.categories(id) ON DELETE RESTRICT;


--
-- Name: ideas ideas_consultation_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas
    ADD CONSTRAINT ideas_consultation_id_foreign FOREIGN KEY (consultation_id) REFERENCES public.consultations(id) ON DELETE RESTRICT;


--
-- Name: ideas ideas_duplicate_of_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas
    ADD CONSTRAINT ideas_duplicate_of_id_fkey FOREIGN KEY (duplicate_of_id) REFERENCES public.ideas(id) ON DELETE SET NULL;


--
-- Name: ideas ideas_entered_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas
    ADD CONSTRAINT ideas_entered_by_fkey FOREIGN KEY (entered_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: ideas ideas_workshop_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas
    ADD CONSTRAINT ideas_workshop_id_foreign FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE SET NULL;


--
-- Name: ideas ideas_workshop_participant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ideas
    ADD CONSTRAINT ideas_workshop_participant_id_foreign FOREIGN KEY (workshop_participant_id) REFERENCES public.workshop_participants(id) ON DELETE SET NULL;


--
-- Name: imported_ideas imported_ideas_consultation_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imported_ideas
    ADD CONSTRAINT imported_ideas_consultation_id_foreign FOREIGN KEY (consultation_id) REFERENCES public.consultations(id) ON DELETE CASCADE;


--
-- Name: imported_ideas imported_ideas_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imported_ideas
    ADD CONSTRAINT imported_ideas_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: imported_ideas imported_ideas_import_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imported_ideas
    ADD CONSTRAINT imported_ideas_import_id_foreign FOREIGN KEY (import_id) REFERENCES public.idea_imports(id) ON DELETE CASCADE;


--
-- Name: known_login_addresses known_login_addresses_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.known_login_addresses
    ADD CONSTRAINT known_login_addresses_user_id_foreign FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: neb_assessments neb_assessments_assessor_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.neb_assessments
    ADD CONSTRAINT neb_assessments_assessor_id_foreign FOREIGN KEY (assessor_id) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: neb_assessments neb_assessments_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.neb_assessments
    ADD CONSTRAINT neb_assessments_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: neb_assessments neb_assessments_published_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.neb_assessments
    ADD CONSTRAINT neb_assessments_published_by_foreign FOREIGN KEY (published_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: paper_form_grids paper_form_grids_consultation_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.paper_form_grids
    ADD CONSTRAINT paper_form_grids_consultation_id_foreign FOREIGN KEY (consultation_id) REFERENCES public.consultations(id) ON DELETE CASCADE;


--
-- Name: recovery_codes recovery_codes_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recovery_codes
    ADD CONSTRAINT recovery_codes_user_id_foreign FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: reports reports_comment_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_comment_id_foreign FOREIGN KEY (comment_id) REFERENCES public.comments(id) ON DELETE CASCADE;


--
-- Name: reports reports_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: reports reports_reporter_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_reporter_id_foreign FOREIGN KEY (reporter_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: statements statements_updated_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.statements
    ADD CONSTRAINT statements_updated_by_foreign FOREIGN KEY (updated_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: supports supports_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supports
    ADD CONSTRAINT supports_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: supports supports_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supports
    ADD CONSTRAINT supports_user_id_foreign FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: workshop_ballot_ideas workshop_ballot_ideas_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_ballot_ideas
    ADD CONSTRAINT workshop_ballot_ideas_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: workshop_ballot_ideas workshop_ballot_ideas_workshop_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_ballot_ideas
    ADD CONSTRAINT workshop_ballot_ideas_workshop_id_foreign FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: workshop_dots workshop_dots_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_dots
    ADD CONSTRAINT workshop_dots_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE CASCADE;


--
-- Name: workshop_dots workshop_dots_participant_id_workshop_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_dots
    ADD CONSTRAINT workshop_dots_participant_id_workshop_id_foreign FOREIGN KEY (participant_id, workshop_id) REFERENCES public.workshop_participants(id, workshop_id) ON DELETE CASCADE;


--
-- Name: workshop_participants workshop_participants_workshop_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_participants
    ADD CONSTRAINT workshop_participants_workshop_id_foreign FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: workshop_results workshop_results_idea_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_results
    ADD CONSTRAINT workshop_results_idea_id_foreign FOREIGN KEY (idea_id) REFERENCES public.ideas(id) ON DELETE SET NULL;


--
-- Name: workshop_results workshop_results_workshop_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_results
    ADD CONSTRAINT workshop_results_workshop_id_foreign FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: workshop_streams workshop_streams_participant_id_workshop_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_streams
    ADD CONSTRAINT workshop_streams_participant_id_workshop_id_foreign FOREIGN KEY (participant_id, workshop_id) REFERENCES public.workshop_participants(id, workshop_id) ON DELETE CASCADE;


--
-- Name: workshops workshops_consultation_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT workshops_consultation_id_foreign FOREIGN KEY (consultation_id) REFERENCES public.consultations(id) ON DELETE RESTRICT;


--
-- Name: workshops workshops_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT workshops_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- PostgreSQL database dump complete
--

\unrestrict kopa
