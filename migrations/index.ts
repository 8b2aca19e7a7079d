import type { Knex } from 'knex';
import * as createUsers from './20261125120000_create_users';
import * as createSessions from './20261125120100_create_sessions';
import * as createRateLimits from './20261125120200_create_rate_limits';
import * as createConsultations from './20261125120300_create_consultations';
import * as createCategories from './20261125120400_create_categories';
import * as createPlaces from './20261125120500_create_places';
import * as createIdeas from './20261125120600_create_ideas';
import * as createIdeaPhotos from './20261125130000_create_idea_photos';
import * as addIdeasListIndexes from './20261126000000_add_ideas_list_indexes';
import * as createSupports from './20261126010000_create_supports';
import * as addConsultationSupportPhases from './20261126010100_add_consultation_support_phases';
import * as createComments from './20261126020000_create_comments';
import * as createReports from './20261126030000_create_reports';
import * as addCommentsHiddenAt from './20261126030100_add_comments_hidden_at';
import * as createFollows from './20261126040000_create_follows';
import * as createJobs from './20261126040100_create_jobs';
import * as addUsersNotificationSettings from './20261126040200_add_users_notification_settings';
import * as createCommentDigests from './20261126040300_create_comment_digests';
import * as createIdeaStatusChanges from './20261126050000_create_idea_status_changes';
import * as createAuditLog from './20261126060000_create_audit_log';
import * as addFacilitatorRole from './20261201090000_add_facilitator_role';
import * as addIdeaDraftAndWorkshopVisibility from './20261201090100_add_idea_draft_and_workshop_visibility';
import * as addUsersBlockedAt from './20261201100000_add_users_blocked_at';
import * as addIdeasModerationColumns from './20261201100100_add_ideas_moderation_columns';
import * as addCommentsHiddenReason from './20261201100200_add_comments_hidden_reason';
import * as addReportsOpenIndexes from './20261201100300_add_reports_open_indexes';
import * as createIdeaTranslations from './20261201100400_create_idea_translations';
import * as createWorkshops from './20261202100000_create_workshops';
import * as createWorkshopParticipants from './20261202100100_create_workshop_participants';
import * as addIdeasWorkshopColumns from './20261202100200_add_ideas_workshop_columns';
import * as createWorkshopBallotIdeas from './20261202100300_create_workshop_ballot_ideas';
import * as createWorkshopDots from './20261202100400_create_workshop_dots';
import * as createWorkshopResults from './20261202100500_create_workshop_results';
import * as addUsersEmailVerifiedAt from './20261203090000_add_users_email_verified_at';
import * as createAccountTokens from './20261203090100_create_account_tokens';
import * as addUsersTwoFactor from './20261203090200_add_users_two_factor';
import * as createRecoveryCodes from './20261203090300_create_recovery_codes';
import * as addUsersDeletedAt from './20261203090400_add_users_deleted_at';
import * as allowAuditLogErasure from './20261203090500_allow_audit_log_erasure';
import * as addUsersInactivityWarnedAt from './20261203090600_add_users_inactivity_warned_at';
import * as createStatements from './20261203090700_create_statements';

type Migration = { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> };

/** Every migration by its file name; a new migration adds one line here. */
export const migrations: Record<string, Migration> = {
  '20261125120000_create_users': createUsers,
  '20261125120100_create_sessions': createSessions,
  '20261125120200_create_rate_limits': createRateLimits,
  '20261125120300_create_consultations': createConsultations,
  '20261125120400_create_categories': createCategories,
  '20261125120500_create_places': createPlaces,
  '20261125120600_create_ideas': createIdeas,
  '20261125130000_create_idea_photos': createIdeaPhotos,
  '20261126000000_add_ideas_list_indexes': addIdeasListIndexes,
  '20261126010000_create_supports': createSupports,
  '20261126010100_add_consultation_support_phases': addConsultationSupportPhases,
  '20261126020000_create_comments': createComments,
  '20261126030000_create_reports': createReports,
  '20261126030100_add_comments_hidden_at': addCommentsHiddenAt,
  '20261126040000_create_follows': createFollows,
  '20261126040100_create_jobs': createJobs,
  '20261126040200_add_users_notification_settings': addUsersNotificationSettings,
  '20261126040300_create_comment_digests': createCommentDigests,
  '20261126050000_create_idea_status_changes': createIdeaStatusChanges,
  '20261126060000_create_audit_log': createAuditLog,
  '20261201090000_add_facilitator_role': addFacilitatorRole,
  '20261201090100_add_idea_draft_and_workshop_visibility': addIdeaDraftAndWorkshopVisibility,
  '20261201100000_add_users_blocked_at': addUsersBlockedAt,
  '20261201100100_add_ideas_moderation_columns': addIdeasModerationColumns,
  '20261201100200_add_comments_hidden_reason': addCommentsHiddenReason,
  '20261201100300_add_reports_open_indexes': addReportsOpenIndexes,
  '20261201100400_create_idea_translations': createIdeaTranslations,
  '20261202100000_create_workshops': createWorkshops,
  '20261202100100_create_workshop_participants': createWorkshopParticipants,
  '20261202100200_add_ideas_workshop_columns': addIdeasWorkshopColumns,
  '20261202100300_create_workshop_ballot_ideas': createWorkshopBallotIdeas,
  '20261202100400_create_workshop_dots': createWorkshopDots,
  '20261202100500_create_workshop_results': createWorkshopResults,
  '20261203090000_add_users_email_verified_at': addUsersEmailVerifiedAt,
  '20261203090100_create_account_tokens': createAccountTokens,
  '20261203090200_add_users_two_factor': addUsersTwoFactor,
  '20261203090300_create_recovery_codes': createRecoveryCodes,
  '20261203090400_add_users_deleted_at': addUsersDeletedAt,
  '20261203090500_allow_audit_log_erasure': allowAuditLogErasure,
  '20261203090600_add_users_inactivity_warned_at': addUsersInactivityWarnedAt,
  '20261203090700_create_statements': createStatements,
};
