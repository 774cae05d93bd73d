// Generated from the API's OpenAPI document by `npm run web:client`. Do not edit by hand.
// test/web-client.e2e-spec.ts fails when it no longer matches the API.

export interface paths {
  '/api/auth/join': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept a coach’s invitation: the emailed link’s secret, or the email with the code read out, and your own password; then sign in. 400 AUTH.INVITATION_INVALID for a wrong, used or expired one (the same answer whatever the reason); 429 after repeated failures from one client. */
    post: operations['AuthController_join'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Forgot password: emails a link that works once, for one hour, when the email has an active account. The answer is the same 202 either way; 429 with Retry-After after repeated requests per email or client. */
    post: operations['AuthController_requestPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/password-reset/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password with the emailed link’s secret: every earlier session ends and every other open link is spent. 400 AUTH.RESET_LINK_INVALID when the link is unknown, used or expired. */
    post: operations['AuthController_completePasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in: a short-lived bearer token. Any failure is the same 401; repeated failures per account or client get 429 with Retry-After. */
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/families/{id}/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The family’s invitations and who has joined (coach+, in scope). */
    get: operations['FamilyInvitationsController_list'];
    put?: never;
    /** Invite an adult of a family on your caseload (coach+): an emailed link and a one-time code to read out, both working once, for a week. Throttled per coach; audited. */
    post: operations['FamilyInvitationsController_invite'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in user. */
    get: operations['MeController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change your own password. Every token issued before stops working; the answer carries a new one. */
    post: operations['MeController_changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sites': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every site (admin). */
    get: operations['SitesController_listSites'];
    put?: never;
    /** Create a site (admin). A duplicate name is 409 SITE.NAME_TAKEN. */
    post: operations['SitesController_createSite'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sites/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One site (admin). */
    get: operations['SitesController_getSite'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename a site or change its time zone (admin). A duplicate name is 409 SITE.NAME_TAKEN. */
    patch: operations['SitesController_updateSite'];
    trace?: never;
  };
  '/api/sites/names': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every site’s id and name only (admin, evaluator): for the report and export site filters. */
    get: operations['SitesController_listSiteNames'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Users, filtered and paginated: all for an admin, its site for a supervisor. */
    get: operations['UsersController_listUsers'];
    put?: never;
    /** Create a user (admin). A duplicate email is 409 USER.EMAIL_TAKEN. */
    post: operations['UsersController_createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One user (a supervisor: of its site; otherwise 404). */
    get: operations['UsersController_getUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}/deactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deactivate a user (admin): it cannot sign in, and its tokens stop working. */
    post: operations['UsersController_deactivateUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}/reactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reactivate a user (admin). */
    post: operations['UsersController_reactivateUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit log (admin), newest first, filtered and paginated. */
    get: operations['AuditController_listEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The programme settings and their version (staff). */
    get: operations['SettingsController_readSettings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change programme settings (admin): 409 VERSION_CONFLICT on a stale version, 400 VALIDATION_FAILED naming each field. Audited; applies without a restart. */
    patch: operations['SettingsController_changeSettings'];
    trace?: never;
  };
  '/api/settings/vocabularies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The programme’s vocabularies (goal themes, languages…): key and plain-words label of each term, for every signed-in user. */
    get: operations['SettingsController_readVocabularies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/settings/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Earlier versions of the settings: who changed them and when (admin). */
    get: operations['SettingsController_listVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/system/pings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Enqueue a system.ping job; the worker stamps it when processed. */
    post: operations['SystemController_requestPing'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/system/pings/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A ping and whether the worker has processed it. */
    get: operations['SystemController_getPing'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers. */
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the database and the queue answer; 503 names what is down. */
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics (text format) for a scraper: needs `Authorization: Bearer <METRICS_TOKEN>` (401 METRICS.TOKEN_INVALID otherwise; a user’s access token does not open it); 404 when METRICS_TOKEN is not set. */
    get: operations['MetricsController_scrape'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/families': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Families in scope (a coach: its caseload; a supervisor: its site): searched, filtered, sorted and paginated. Each row names the primary coach and the weeks waiting. Unknown filter or sort values are 400 VALIDATION_FAILED. */
    get: operations['FamiliesController_listFamilies'];
    put?: never;
    /** Register a Seeking (status referred) or Sharing (status enquiry) family. Lists take keys of the programme vocabularies; unknown keys are 400 VALIDATION_FAILED naming the field and values. */
    post: operations['FamiliesController_registerFamily'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/families/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One family with its people, consents and status history (staff in scope; a family user: its own). Legal names, check numbers and the reasons of the history only for staff. */
    get: operations['FamiliesController_getFamily'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a family’s record; `version` must be current (else 409 VERSION_CONFLICT). */
    patch: operations['FamiliesController_updateFamily'];
    trace?: never;
  };
  '/api/families/{id}/people': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add an adult or a child to a family (checks for adults only). */
    post: operations['FamiliesController_addPerson'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/families/{id}/consents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Grant or withdraw a consent (never deleted; granting what is granted changes nothing). */
    post: operations['FamiliesController_changeConsent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/families/{id}/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move a family through its lifecycle (DESIGN §4.1). Approving a Sharing family checks training, a current check for every adult, participation consent and a coach’s sign-off: 409 FAMILY.APPROVAL_GUARDS_UNMET names each unmet guard. */
    post: operations['FamiliesController_changeStatus'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/people/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a person (a renewed check, say); `version` must be current (else 409 VERSION_CONFLICT). */
    patch: operations['PeopleController_updatePerson'];
    trace?: never;
  };
  '/api/families/{id}/exclusions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The live exclusions of a family (Seeking or Sharing side), with both families’ names, oldest first. */
    get: operations['FamilyMatchingController_listExclusions'];
    put?: never;
    /** Record a pair never to propose (known to each other, declined, ended badly, other). */
    post: operations['FamilyMatchingController_recordExclusion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/families/{id}/exclusions/{exclusionId}/lift': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lift a live exclusion of a Seeking family, with a reason code (a decline recorded by mistake, say): the pair may be suggested again. Kept, never deleted; 409 MATCH.EXCLUSION_NOT_LIVE when already lifted. */
    post: operations['FamilyMatchingController_liftExclusion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/families/{id}/suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Ranked Sharing families for a Seeking family, each with its explanation (per factor: weight, value, contribution, reason; unknown data shown as unknown), plus the excluded ones with why not. */
    get: operations['FamilyMatchingController_suggestSharingFamilies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/match-proposals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Offer a shortlist to a Seeking family: each Sharing family must meet every hard constraint now; the explanations are snapshotted. */
    post: operations['MatchProposalsController_proposeShortlist'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/match-proposals/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A shortlist with why each family was suggested (staff in scope; the Seeking family). */
    get: operations['MatchProposalsController_getProposal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/match-proposals/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record the Seeking family’s decision. chose + accepted creates the link-up (409 MATCH.CAPACITY_FULL or MATCH.SEEKING_FAMILY_ALREADY_LINKED when it cannot); declines become exclusions. */
    post: operations['MatchProposalsController_recordDecision'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/match-proposals/{id}/sharing-family-answer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record the Sharing family’s answer after the Seeking family chose it (status awaiting_sharing_family, else 409 MATCH.NOT_AWAITING_ANSWER): accepted creates the link-up (409 MATCH.CAPACITY_FULL or MATCH.SEEKING_FAMILY_ALREADY_LINKED when it cannot); declined closes the shortlist and excludes the pair (liftable). */
    post: operations['MatchProposalsController_recordSharingFamilyAnswer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/matching/cohort': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The assignment of a site’s waiting Seeking families that maximises total fit (plus a waiting-time bonus) under every hard constraint and capacity; an exact optimum, a proposal only. Each unassigned family says why. */
    post: operations['CohortMatchingController_proposeCohort'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/worklist': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A coach’s day in one request: check-ins due and overdue, live link-ups with the unmet guards of their next move, Seeking families waiting, Sharing families awaiting approval or with checks expiring, and concerns not yet closed with their triage deadline. A coach: its caseload; a supervisor: its site (each row names its coach). */
    get: operations['WorklistController_getWorklist'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/link-ups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Link-ups in your scope, newest first: a coach its caseload, a supervisor its site, a family its own. */
    get: operations['LinkUpsController_listLinkUps'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/link-ups/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One link-up: stage history, active weeks per stage (paused time excluded), goals, small wins and get-togethers; for staff, the guards of the next move. A family sees the partner family’s goals and wins only while that family shares them. */
    get: operations['LinkUpsController_getLinkUp'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/link-ups/{id}/transitions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move the link-up: advance or move back a stage, pause, resume, complete or end early. 409 VERSION_CONFLICT on a stale version; 409 LINK_UP.GUARD_FAILED with details.unmetGuards. */
    post: operations['LinkUpsController_transitionLinkUp'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/link-ups/{id}/coach': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reassign the link-up to another coach of its site, with a reason (supervisor, admin). Kept in the history; both families’ records name the new coach. */
    post: operations['LinkUpsController_reassignCoach'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/link-ups/{id}/goals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The link-up’s goals with their ratings, as far as you may see them. */
    get: operations['LinkUpJourneyController_listGoals'];
    put?: never;
    /** Record a goal in the Seeking family’s own words (that family, or staff in scope). */
    post: operations['LinkUpJourneyController_recordGoal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/link-ups/{id}/small-wins': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The small wins you may see: a family never sees coach-only ones, nor the partner’s without its consent. */
    get: operations['LinkUpJourneyController_listSmallWins'];
    put?: never;
    /** Record a small win (either family, or staff in scope). */
    post: operations['LinkUpJourneyController_recordSmallWin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/link-ups/{id}/get-togethers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The link-up’s get-togethers, newest first. */
    get: operations['LinkUpJourneyController_listGetTogethers'];
    put?: never;
    /** Record a get-together of the two families (either family, or staff in scope). */
    post: operations['LinkUpJourneyController_recordGetTogether'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/goals/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a goal’s words, theme or status (active, achieved, set_aside); 409 VERSION_CONFLICT on a stale version. */
    patch: operations['GoalsController_reviseGoal'];
    trace?: never;
  };
  '/api/goals/{id}/ratings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Rate a goal (Goal Attainment Scaling −2…+2): by the family, the coach, or jointly. */
    post: operations['GoalsController_rateGoal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/families/{id}/outcome-measures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A family’s outcome measures, newest first. */
    get: operations['OutcomeMeasuresController_listOutcomeMeasures'];
    put?: never;
    /** Record an outcome measure of a family (baseline, review, exit, follow-up) with a score in the instrument’s range, or declined with a reason. */
    post: operations['OutcomeMeasuresController_recordOutcomeMeasure'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/link-ups/{id}/feedback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Give this period’s feedback on the link-up: a family for itself, staff as the coach.
     * @description The three viewpoints (DESIGN §3 Feedback): the Seeking family, the Sharing family and the coach each rate how the relationship is going and how things are changing (1–5), with optional words only staff read. Answers count for the current check-in period (`feedback.periodDays` days from the link-up’s start, default 14); answering again in the same period replaces the answer. When two viewpoints differ by 2 or more on a question in a period, or a family’s answer is 2 or more below its previous one, the coach gets one "check in on this" notice per divergence. Closed link-up: 409 LINK_UP.LINK_UP_CLOSED; outside your scope: 404.
     */
    post: operations['LinkUpFeedbackController_giveFeedback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/check-ins': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Check-ins of the caller’s caseload (a supervisor: its site): due, missed, upcoming… soonest first. */
    get: operations['CheckInsController_listCheckIns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/check-ins/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One check-in of the caller’s caseload (otherwise 404). */
    get: operations['CheckInsController_getCheckIn'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/check-ins/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a check-in as held: when, how, staff-only notes, ratings 1–5, and optionally a concern (which raises a safeguarding concern). Stale version: 409 VERSION_CONFLICT; held or cancelled: 409 CHECK_IN.NOT_OPEN. */
    post: operations['CheckInsController_completeCheckIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/safeguarding-concerns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Concerns in the caller’s scope, most urgent first (the read is audited). */
    get: operations['SafeguardingController_listConcerns'];
    put?: never;
    /** Raise a concern about a link-up or a family (a family’s worry: source "family"). immediate_danger and high notify the supervisor at once and pause the link-up; every concern gets a triage deadline. */
    post: operations['SafeguardingController_raiseConcern'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/safeguarding-concerns/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One concern with its history (the read is audited; out of scope: 404). */
    get: operations['SafeguardingController_getConcern'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/safeguarding-concerns/{id}/triage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Triage a concern (or amend a triaged one: a new entry): a decision, an effect on the link-up, optionally a new severity or closing it. Stale version: 409.
     * @description Resuming (`linkUpEffect: "resume"`) a link-up paused for safeguarding follows the resume rule of the stage machine: a link-up stays paused while any urgent (`immediate_danger` or `high`) concern about it or one of its families is open (not closed). The rule is checked after this triage’s own change, so an urgent concern that resumes its own link-up must be closed in the same step (`close: true`), or lowered below `high` with `severity`; every other open urgent concern must be closed first. Otherwise the answer is 409 `LINK_UP.GUARD_FAILED` with `unmetGuards: ["NO_OPEN_URGENT_SAFEGUARDING_CONCERN"]`, a message saying what to do, and `details.openUrgentConcernIds`, `details.thisConcernWouldStayOpen`, `details.otherOpenUrgentConcernIds`; nothing of the triage is written.
     */
    post: operations['SafeguardingController_triageConcern'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s notices (due check-ins, escalations), newest first. */
    get: operations['NotificationsController_listNotifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark one of the caller’s notices read (anyone else’s: 404). */
    post: operations['NotificationsController_markRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/exports/link-ups.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Link-ups, one row each (evaluator, admin). De-identified (pseudonymous ids, months and days from the start, no names, contacts or free text), only families with evaluation_use consent; streamed as UTF-8 CSV (RFC 4180). Every export is logged with its row count and SHA-256 (of what was sent, when the reader goes away). Period in whole months only. At most 2 exports stream at once per server and 1 per user (429 EXPORT.TOO_MANY_AT_ONCE with Retry-After), each for at most 10 minutes. Columns: see the data dictionary. */
    get: operations['ExportsController_exportLinkUps'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/exports/goals.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Goals, one row each: theme, status, first and last rating (evaluator, admin). De-identified (pseudonymous ids, months and days from the start, no names, contacts or free text), only families with evaluation_use consent; streamed as UTF-8 CSV (RFC 4180). Every export is logged with its row count and SHA-256 (of what was sent, when the reader goes away). Period in whole months only. At most 2 exports stream at once per server and 1 per user (429 EXPORT.TOO_MANY_AT_ONCE with Retry-After), each for at most 10 minutes. Columns: see the data dictionary. */
    get: operations['ExportsController_exportGoals'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/exports/outcome-measures.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Outcome measures, one row each: instrument, timepoint, score or declined (evaluator, admin). De-identified (pseudonymous ids, months and days from the start, no names, contacts or free text), only families with evaluation_use consent; streamed as UTF-8 CSV (RFC 4180). Every export is logged with its row count and SHA-256 (of what was sent, when the reader goes away). Period in whole months only. At most 2 exports stream at once per server and 1 per user (429 EXPORT.TOO_MANY_AT_ONCE with Retry-After), each for at most 10 minutes. Columns: see the data dictionary. */
    get: operations['ExportsController_exportOutcomeMeasures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/exports/data-dictionary.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every column of every export: type, meaning, allowed values, what an empty field means (evaluator, admin). Made from the same definitions the CSV files are written from. */
    get: operations['ExportsController_dataDictionary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reports/matching-calibration': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Matching calibration (evaluator, supervisor, admin): for link-ups that started in the period, have ended and were made from a shortlist, whose Seeking family consents to evaluation use — the chosen Sharing family’s fit at the time of the choice (from the shortlist snapshot), in bands (under 50 %, 50–69 %, 70–84 %, 85 % and over), against how the link-ups ended (completed, ended early by reason) and their goal attainment change (per link-up, the mean over goals rated twice or more of last minus first rating; n, mean, 95 % CI). Counts from 1 to the threshold − 1 show as "n.p.", with secondary suppression worked out once on a site × band table of the period; a band for all sites, or a site’s total, is shown only where all its parts are. Period in whole months only. Evaluators and admins: every site or one; supervisors: their own site (another site is 404). */
    get: operations['ReportsController_matchingCalibration'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reports/outcome-change': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Outcome change per instrument (evaluator, admin): the paired change from baseline to exit and to follow-up of Seeking families that consent to evaluation use, over the link-ups started in the period — n, mean change, 95 % confidence interval (t). From 1 to the threshold − 1 pairs: "n.p." and no figures; when any site has such a cell, the all-sites figure is withheld too. Period in whole months only. */
    get: operations['ReportsController_outcomeChange'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reports/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Aggregate report by site: families by status, link-ups by stage and outcome, median weeks per stage, check-ins held versus due, goals by theme and feedback ratings by question and viewpoint (both all sites together; feedback words never). Counts from 1 to the threshold − 1 show as "n.p.", with secondary suppression worked out once on the all-sites tables of the period: a one-site report is that site's rows of them, so reports cannot be differenced. Period in whole months only. Evaluators and admins: every site or one; supervisors: their own site; coaches: the same site-level report as their supervisor (site totals are a coach's view of the programme; no other coach's family records), another site is 404. */
    get: operations['ReportsController_summariseProgramme'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    JoinDto: {
      /** @description The emailed link’s secret (or give email and code). */
      token?: string;
      /** @description The invited email, with the code. */
      email?: string;
      /** @description The code the coach read out, e.g. K7P2-M9QX. */
      code?: string;
      newPassword: string;
    };
    PasswordResetRequestDto: {
      /** @example family@demo.family-link.local */
      email: string;
    };
    PasswordResetDto: {
      /** @description The secret from the emailed link. */
      token: string;
      newPassword: string;
    };
    LoginDto: {
      /** @example coach@demo.family-link.local */
      email: string;
      /** @example family-link-demo */
      password: string;
    };
    UserView: {
      /** Format: uuid */
      id: string;
      email: string;
      displayName: string;
      /** @enum {string} */
      role: 'admin' | 'supervisor' | 'coach' | 'evaluator' | 'family';
      /** Format: uuid */
      siteId: string | null;
      /** Format: uuid */
      familyId: string | null;
      /** Format: uuid */
      supervisorId: string | null;
      active: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      deactivatedAt: string | null;
    };
    TokenView: {
      accessToken: string;
      /** @example Bearer */
      tokenType: string;
      /** @description Seconds until the token expires. */
      expiresIn: number;
      user: components['schemas']['UserView'];
    };
    NewInvitationDto: {
      /**
       * @description The adult’s email: what it signs in with.
       * @example sam@example.org
       */
      email: string;
      /**
       * @description The name its account shows (the adult’s preferred name).
       * @example Sam
       */
      displayName: string;
    };
    InvitationSentView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      familyId: string;
      email: string;
      displayName: string;
      /** @enum {string} */
      status: 'pending' | 'joined' | 'expired';
      /** Format: date-time */
      expiresAt: string;
      /** Format: date-time */
      joinedAt: string | null;
      /** Format: date-time */
      sentAt: string;
      /**
       * @description The one-time code to read out on the phone (with the email): shown this once only.
       * @example K7P2-M9QX
       */
      code: string;
    };
    InvitationView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      familyId: string;
      email: string;
      displayName: string;
      /** @enum {string} */
      status: 'pending' | 'joined' | 'expired';
      /** Format: date-time */
      expiresAt: string;
      /** Format: date-time */
      joinedAt: string | null;
      /** Format: date-time */
      sentAt: string;
    };
    ChangePasswordDto: {
      currentPassword: string;
      newPassword: string;
    };
    CreateSiteDto: {
      /** @example Northern Adelaide */
      name: string;
      /**
       * @description IANA time zone of the site (default Australia/Adelaide): its "today", due dates and check expiries.
       * @example Australia/Adelaide
       */
      timeZone?: string;
    };
    SiteView: {
      /** Format: uuid */
      id: string;
      name: string;
      demo: boolean;
      /** @example Australia/Adelaide */
      timeZone: string;
      /** Format: date-time */
      createdAt: string;
    };
    UpdateSiteDto: {
      /** @example Northern Adelaide */
      name?: string;
      /**
       * @description IANA time zone of the site.
       * @example Australia/Darwin
       */
      timeZone?: string;
    };
    SiteNameView: {
      /** Format: uuid */
      id: string;
      name: string;
    };
    CreateUserDto: {
      /** @example coach@example.org */
      email: string;
      /** @example Sam */
      displayName: string;
      /** @enum {string} */
      role: 'admin' | 'supervisor' | 'coach' | 'evaluator' | 'family';
      password: string;
      /**
       * Format: uuid
       * @description Required for supervisors, coaches and family users.
       */
      siteId?: string;
      /**
       * Format: uuid
       * @description Required for family users; only for them.
       */
      familyId?: string;
      /**
       * Format: uuid
       * @description A coach's supervisor (same site); only for coaches.
       */
      supervisorId?: string;
    };
    UserPageView: {
      items: components['schemas']['UserView'][];
      total: number;
      limit: number;
      offset: number;
    };
    AuditEventView: {
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      occurredAt: string;
      /**
       * Format: uuid
       * @description Null: no one signed in.
       */
      actorId: string | null;
      /** @description The actor’s role when it acted. */
      actorRole: string | null;
      /**
       * @description `<entity>.<what happened>`.
       * @example family.changed
       */
      action: string;
      /** @example family */
      entityType: string;
      entityId: string | null;
      requestId: string | null;
      /** @description Codes, ids, counts, flags and lists of field names. */
      details: {
        [key: string]: unknown;
      } | null;
    };
    AuditPageView: {
      items: components['schemas']['AuditEventView'][];
      total: number;
      limit: number;
      offset: number;
    };
    VocabularyTermView: {
      key: string;
      label: string;
    };
    PatchSettingsDto: {
      /** @description The version the change is based on; a stale one is 409 VERSION_CONFLICT. */
      version: number;
      /**
       * @description A partial settings document: objects merge field by field, lists and values replace. Durations are in milliseconds.
       * @example {
       *       "matching": {
       *         "weights": {
       *           "interests": 2
       *         }
       *       },
       *       "deIdentification": {
       *         "suppressionThreshold": 6
       *       }
       *     }
       */
      changes: {
        [key: string]: unknown;
      };
    };
    VocabulariesView: {
      /** @description Each vocabulary by name (goalThemes, languages, …), its terms in order. */
      vocabularies: {
        [key: string]: components['schemas']['VocabularyTermView'][];
      };
    };
    AvoidanceDto: {
      /** @enum {string} */
      kind: 'trait' | 'suburb' | 'same_suburb';
      /** @description A household trait key (trait) or a suburb name (suburb). */
      value?: string;
    };
    RegisterFamilyDto: {
      /** @example Salisbury */
      suburb?: string | null;
      /**
       * @description Australian postcode: 4 digits.
       * @example 5108
       */
      postcode?: string | null;
      /** @example -34.76 */
      latitude?: number | null;
      /** @example 138.64 */
      longitude?: number | null;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.languages). */
      languages?: string[];
      interpreterNeeded?: boolean;
      /** @description An interpreter is arranged: matching does not require a shared language. */
      interpreterArranged?: boolean;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.interests). null = unknown. */
      interests?: string[] | null;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.lifeExperiences). */
      lifeExperiences?: string[] | null;
      /** @description Seeking families. Keys of the programme vocabulary (GET /api/settings → vocabularies.goalThemes). */
      goalThemes?: string[] | null;
      /** @description Sharing families. Keys of the programme vocabulary (GET /api/settings → vocabularies.strengths). */
      strengths?: string[] | null;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.availabilitySlots). */
      availabilitySlots?: string[] | null;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.ageBands). */
      childrenAgeBands?: string[] | null;
      /** @description Sharing families. Keys of the programme vocabulary (GET /api/settings → vocabularies.householdTraits). */
      householdTraits?: string[] | null;
      /** @description Seeking families: never matched with these. */
      avoidances?: components['schemas']['AvoidanceDto'][];
      /** @description Sharing families: link-ups at once (default 1). */
      maxConcurrentLinkUps?: number;
      /** @enum {string} */
      kind: 'seeking' | 'sharing';
      /**
       * @description The household’s preferred display name.
       * @example The Nguyen family
       */
      displayName: string;
      /** Format: uuid */
      siteId: string;
      /**
       * Format: uuid
       * @description Defaults to the calling coach.
       */
      primaryCoachId?: string;
    };
    AvoidanceView: {
      /** @enum {string} */
      kind: 'trait' | 'suburb' | 'same_suburb';
      value?: string;
    };
    FamilyView: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'seeking' | 'sharing';
      status: string;
      /** @description The household’s preferred display name. */
      displayName: string;
      /** Format: uuid */
      siteId: string;
      /** Format: uuid */
      primaryCoachId: string | null;
      suburb: string | null;
      postcode: string | null;
      latitude: number | null;
      longitude: number | null;
      languages: string[];
      interpreterNeeded: boolean;
      interpreterArranged: boolean;
      /** @description null: not recorded (unknown). */
      interests: string[] | null;
      lifeExperiences: string[] | null;
      goalThemes: string[] | null;
      strengths: string[] | null;
      availabilitySlots: string[] | null;
      childrenAgeBands: string[] | null;
      householdTraits: string[] | null;
      avoidances: components['schemas']['AvoidanceView'][];
      maxConcurrentLinkUps: number;
      /** Format: date-time */
      trainingCompletedAt: string | null;
      /** Format: date-time */
      coachSignOffAt: string | null;
      /** Format: uuid */
      coachSignOffBy: string | null;
      /** Format: date-time */
      waitingSince: string | null;
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    FamilyListItemView: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'seeking' | 'sharing';
      status: string;
      /** @description The household’s preferred display name. */
      displayName: string;
      /** Format: uuid */
      siteId: string;
      /** Format: uuid */
      primaryCoachId: string | null;
      suburb: string | null;
      postcode: string | null;
      latitude: number | null;
      longitude: number | null;
      languages: string[];
      interpreterNeeded: boolean;
      interpreterArranged: boolean;
      /** @description null: not recorded (unknown). */
      interests: string[] | null;
      lifeExperiences: string[] | null;
      goalThemes: string[] | null;
      strengths: string[] | null;
      availabilitySlots: string[] | null;
      childrenAgeBands: string[] | null;
      householdTraits: string[] | null;
      avoidances: components['schemas']['AvoidanceView'][];
      maxConcurrentLinkUps: number;
      /** Format: date-time */
      trainingCompletedAt: string | null;
      /** Format: date-time */
      coachSignOffAt: string | null;
      /** Format: uuid */
      coachSignOffBy: string | null;
      /** Format: date-time */
      waitingSince: string | null;
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description The primary coach’s display name. */
      coachName: string | null;
      /** @description Whole weeks since the family started waiting; null when it is not waiting. */
      weeksWaiting: number | null;
    };
    FamilyPageView: {
      items: components['schemas']['FamilyListItemView'][];
      total: number;
      limit: number;
      offset: number;
    };
    PersonView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      familyId: string;
      /** @enum {string} */
      role: 'adult' | 'child';
      /** @description Always shown. */
      preferredName: string;
      /** @description Staff only: absent for families. */
      legalName?: string | null;
      birthYear: number | null;
      ageBand: string | null;
      pronouns: string | null;
      language: string | null;
      interpreterNeeded: boolean;
      communicationNeeds: string | null;
      /** @description Staff only. */
      wwccNumber?: string | null;
      /**
       * Format: date
       * @description Staff only.
       */
      wwccExpiresOn?: string | null;
      version: number;
    };
    ConsentStateView: {
      /** @enum {string} */
      kind: 'participation' | 'share_with_partner_family' | 'evaluation_use';
      granted: boolean;
      /** Format: date-time */
      since: string | null;
    };
    FamilyStatusEventView: {
      fromStatus: string | null;
      toStatus: string;
      /**
       * @description What moved it: a coach by hand, a shortlist offered, a link-up started, completed or ended early, or an expired check.
       * @enum {string}
       */
      cause:
        | 'hand_move'
        | 'shortlist_offered'
        | 'link_up_started'
        | 'link_up_completed'
        | 'link_up_ended_early'
        | 'checks_expired';
      /** Format: uuid */
      linkUpId: string | null;
      /** @description Staff only: the link-up’s closure or end-early reason code. */
      reason?: string | null;
      /** Format: date-time */
      at: string;
    };
    ApprovalGuardView: {
      /** @enum {string} */
      guard:
        'TRAINING_COMPLETED' | 'WWCC_CURRENT_FOR_EVERY_ADULT' | 'PARTICIPATION_CONSENT' | 'COACH_SIGN_OFF';
      met: boolean;
      /** @description For the check guard: the adults (person ids) without a current check. */
      personIds?: string[];
    };
    FamilyDetailView: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'seeking' | 'sharing';
      status: string;
      /** @description The household’s preferred display name. */
      displayName: string;
      /** Format: uuid */
      siteId: string;
      /** Format: uuid */
      primaryCoachId: string | null;
      suburb: string | null;
      postcode: string | null;
      latitude: number | null;
      longitude: number | null;
      languages: string[];
      interpreterNeeded: boolean;
      interpreterArranged: boolean;
      /** @description null: not recorded (unknown). */
      interests: string[] | null;
      lifeExperiences: string[] | null;
      goalThemes: string[] | null;
      strengths: string[] | null;
      availabilitySlots: string[] | null;
      childrenAgeBands: string[] | null;
      householdTraits: string[] | null;
      avoidances: components['schemas']['AvoidanceView'][];
      maxConcurrentLinkUps: number;
      /** Format: date-time */
      trainingCompletedAt: string | null;
      /** Format: date-time */
      coachSignOffAt: string | null;
      /** Format: uuid */
      coachSignOffBy: string | null;
      /** Format: date-time */
      waitingSince: string | null;
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      people: components['schemas']['PersonView'][];
      consents: components['schemas']['ConsentStateView'][];
      /** @description Lifecycle statuses a coach may move the family to now. */
      allowedStatusMoves: string[];
      /** @description Every status move, oldest first. */
      statusHistory: components['schemas']['FamilyStatusEventView'][];
      /** @description A Sharing family that may move to approved: each approval guard as the approval would check it now (the coach’s sign-off is given with the approval, so it shows unmet until then). null otherwise. */
      approvalChecklist: components['schemas']['ApprovalGuardView'][] | null;
      /**
       * Format: date
       * @description The site’s calendar date now (YYYY-MM-DD, from the clock): the default of date inputs.
       */
      today: string;
      /**
       * @description The site’s time zone (an IANA name).
       * @example Australia/Adelaide
       */
      timeZone: string;
    };
    UpdateFamilyDto: {
      /** @example Salisbury */
      suburb?: string | null;
      /**
       * @description Australian postcode: 4 digits.
       * @example 5108
       */
      postcode?: string | null;
      /** @example -34.76 */
      latitude?: number | null;
      /** @example 138.64 */
      longitude?: number | null;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.languages). */
      languages?: string[];
      interpreterNeeded?: boolean;
      /** @description An interpreter is arranged: matching does not require a shared language. */
      interpreterArranged?: boolean;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.interests). null = unknown. */
      interests?: string[] | null;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.lifeExperiences). */
      lifeExperiences?: string[] | null;
      /** @description Seeking families. Keys of the programme vocabulary (GET /api/settings → vocabularies.goalThemes). */
      goalThemes?: string[] | null;
      /** @description Sharing families. Keys of the programme vocabulary (GET /api/settings → vocabularies.strengths). */
      strengths?: string[] | null;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.availabilitySlots). */
      availabilitySlots?: string[] | null;
      /** @description Keys of the programme vocabulary (GET /api/settings → vocabularies.ageBands). */
      childrenAgeBands?: string[] | null;
      /** @description Sharing families. Keys of the programme vocabulary (GET /api/settings → vocabularies.householdTraits). */
      householdTraits?: string[] | null;
      /** @description Seeking families: never matched with these. */
      avoidances?: components['schemas']['AvoidanceDto'][];
      /** @description Sharing families: link-ups at once (default 1). */
      maxConcurrentLinkUps?: number;
      /** @description The version the change is based on; a stale one is 409 VERSION_CONFLICT. */
      version: number;
      displayName?: string;
      /** Format: uuid */
      primaryCoachId?: string | null;
      /**
       * Format: date-time
       * @description Sharing families: training completed.
       */
      trainingCompletedAt?: string | null;
    };
    AddPersonDto: {
      /** @description Staff only; never shown to families. */
      legalName?: string | null;
      birthYear?: number | null;
      /** @description A key of vocabularies.ageBands. */
      ageBand?: string | null;
      pronouns?: string | null;
      /** @description A key of vocabularies.languages. */
      language?: string | null;
      interpreterNeeded?: boolean;
      communicationNeeds?: string | null;
      /** @description Adults: Working With Children Check number (staff only). */
      wwccNumber?: string | null;
      /**
       * Format: date
       * @description Adults: check expiry (YYYY-MM-DD).
       */
      wwccExpiresOn?: string | null;
      /** @enum {string} */
      role: 'adult' | 'child';
      /**
       * @description What the person likes to be called: shown everywhere.
       * @example Mai
       */
      preferredName: string;
    };
    ConsentChangeDto: {
      /** @enum {string} */
      kind: 'participation' | 'share_with_partner_family' | 'evaluation_use';
      /** @enum {string} */
      action: 'grant' | 'withdraw';
    };
    ConsentChangeView: {
      changed: boolean;
      consents: components['schemas']['ConsentStateView'][];
    };
    ChangeStatusDto: {
      /**
       * @description The lifecycle status to move to (DESIGN §4.1).
       * @example approved
       */
      to: string;
      /** @description The family’s current version; a stale one is 409 VERSION_CONFLICT. */
      version: number;
      /** @description The calling coach or supervisor signs the Sharing family off (approval guard). */
      signOff?: boolean;
    };
    UpdatePersonDto: {
      /** @description Staff only; never shown to families. */
      legalName?: string | null;
      birthYear?: number | null;
      /** @description A key of vocabularies.ageBands. */
      ageBand?: string | null;
      pronouns?: string | null;
      /** @description A key of vocabularies.languages. */
      language?: string | null;
      interpreterNeeded?: boolean;
      communicationNeeds?: string | null;
      /** @description Adults: Working With Children Check number (staff only). */
      wwccNumber?: string | null;
      /**
       * Format: date
       * @description Adults: check expiry (YYYY-MM-DD).
       */
      wwccExpiresOn?: string | null;
      /** @description The version the change is based on; a stale one is 409 VERSION_CONFLICT. */
      version: number;
      preferredName?: string;
    };
    ExclusionListItemView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      seekingFamilyId: string;
      /** Format: uuid */
      sharingFamilyId: string;
      /** @enum {string} */
      reason: 'known_to_each_other' | 'declined' | 'ended_badly' | 'other';
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description When it was lifted.
       */
      liftedAt: string | null;
      /** @description Why it was lifted (a reason code). */
      liftReason: string | null;
      seekingFamilyName: string;
      sharingFamilyName: string;
    };
    LiftExclusionDto: {
      /**
       * @description Why the pair may be proposed again (a decline recorded by mistake, say).
       * @enum {string}
       */
      reason: 'recorded_in_error' | 'family_changed_mind' | 'circumstances_changed' | 'other';
    };
    ExclusionView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      seekingFamilyId: string;
      /** Format: uuid */
      sharingFamilyId: string;
      /** @enum {string} */
      reason: 'known_to_each_other' | 'declined' | 'ended_badly' | 'other';
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description When it was lifted.
       */
      liftedAt: string | null;
      /** @description Why it was lifted (a reason code). */
      liftReason: string | null;
    };
    FactorExplanationView: {
      key: string;
      label: string;
      weight: number;
      /** @description 0..1, or null when unknown (not scored). */
      value: number | null;
      contribution: number | null;
      reason: string;
    };
    SuggestionView: {
      /** @description The fit shown (0..1): weighted mean of the factors that are known. */
      score: number;
      /** @description The figure suggestions and shortlists are ranked by (0..1): every factor counted, an unknown one as a neutral 0.5, i.e. knownWeightShare × score + (1 − knownWeightShare) × 0.5. Equals score when every factor is known. */
      rankingScore: number;
      /** @description Share of the total weight whose factor is known (0..1). */
      knownWeightShare: number;
      factors: components['schemas']['FactorExplanationView'][];
      summary: string;
      cautions: string[];
      distanceKm: number | null;
      rank: number;
      /** Format: uuid */
      sharingFamilyId: string;
      displayName: string;
      suburb: string | null;
      previouslyDeclined: boolean;
      /**
       * Format: uuid
       * @description These two families were linked before: that link-up (one of `previousLinkUps`).
       */
      previousLinkUpId: string | null;
    };
    ConstraintFailureView: {
      key: string;
      reason: string;
    };
    ExcludedView: {
      /** Format: uuid */
      sharingFamilyId: string;
      displayName: string;
      failures: components['schemas']['ConstraintFailureView'][];
    };
    PreviousLinkUpView: {
      /** Format: uuid */
      linkUpId: string;
      /** Format: uuid */
      sharingFamilyId: string;
      sharingFamilyName: string;
      /** @enum {string} */
      status: 'completed' | 'ended_early';
      /**
       * @description The furthest stage it reached.
       * @enum {string}
       */
      stageReached: 'relationship_building' | 'doing_with' | 'doing_without';
      /** @description Whole weeks from its start to its end. */
      weeks: number;
      /** @description Closure reason, or the end-early reason code. */
      reason: string | null;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      endedAt: string | null;
      /** @description Whether the pair is excluded from suggestions now (e.g. it ended for not_a_good_fit). */
      pairExcluded: boolean;
    };
    SuggestionsResponseView: {
      /** Format: uuid */
      seekingFamilyId: string;
      /** Format: date */
      today: string;
      /** Format: date */
      plannedEndDate: string;
      settingsVersion: number;
      candidateCount: number;
      eligibleCount: number;
      suggestions: components['schemas']['SuggestionView'][];
      excludedCount: number;
      excludedByConstraint: {
        [key: string]: number;
      };
      excluded: components['schemas']['ExcludedView'][];
      /** @description A re-match carries the history: the Seeking family’s earlier link-ups, newest first. */
      previousLinkUps: components['schemas']['PreviousLinkUpView'][];
    };
    RecordExclusionDto: {
      /** Format: uuid */
      sharingFamilyId: string;
      /** @enum {string} */
      reason: 'known_to_each_other' | 'declined' | 'ended_badly' | 'other';
    };
    ProposeShortlistDto: {
      /** Format: uuid */
      seekingFamilyId: string;
      /** @description Sharing families to offer. */
      sharingFamilyIds: string[];
      /** @description Offer pairs the family declined before (a coach overriding the decline). */
      overrideDeclined?: boolean;
    };
    MatchExplanationView: {
      /** @description The fit shown (0..1): weighted mean of the factors that are known. */
      score: number;
      /** @description The figure suggestions and shortlists are ranked by (0..1): every factor counted, an unknown one as a neutral 0.5, i.e. knownWeightShare × score + (1 − knownWeightShare) × 0.5. Equals score when every factor is known. */
      rankingScore: number;
      /** @description Share of the total weight whose factor is known (0..1). */
      knownWeightShare: number;
      factors: components['schemas']['FactorExplanationView'][];
      summary: string;
      cautions: string[];
      distanceKm: number | null;
    };
    ShortlistedView: {
      /** Format: uuid */
      sharingFamilyId: string;
      /** @description Staff only. */
      displayName?: string;
      rank: number;
      score: number;
      /** @description The figure the shortlist is ordered by (see MatchExplanationView). */
      rankingScore: number;
      explanation: components['schemas']['MatchExplanationView'];
      overrodeDecline: boolean;
    };
    MatchProposalView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      siteId: string;
      /** Format: uuid */
      seekingFamilyId: string;
      /** Format: uuid */
      offeredBy: string;
      /** @enum {string} */
      status:
        | 'open'
        | 'awaiting_sharing_family'
        | 'chosen'
        | 'declined'
        | 'more_options_requested'
        | 'sharing_family_declined'
        | 'withdrawn';
      candidates: components['schemas']['ShortlistedView'][];
      settingsVersion: number;
      /** Format: uuid */
      chosenSharingFamilyId: string | null;
      /** Format: uuid */
      linkUpId: string | null;
      /** Format: date-time */
      decidedAt: string | null;
      version: number;
      /** Format: date-time */
      createdAt: string;
    };
    RecordDecisionDto: {
      /**
       * @description chose: the family chose sharingFamilyId; declined: none of them; more_options: asked for more.
       * @enum {string}
       */
      decision: 'chose' | 'declined' | 'more_options';
      /** @description The proposal’s current version; a stale one is 409 VERSION_CONFLICT. */
      version: number;
      /**
       * Format: uuid
       * @description Required with chose.
       */
      sharingFamilyId?: string;
      /** @description With chose: whether the Sharing family accepted, if already known. Omitted, the shortlist waits for its answer (status awaiting_sharing_family; POST /api/match-proposals/:id/sharing-family-answer). */
      sharingFamilyAccepted?: boolean;
      /** @description Planned length of the link-up in weeks. */
      plannedWeeks?: number;
    };
    SharingFamilyAnswerDto: {
      /**
       * @description The Sharing family’s answer to being chosen.
       * @enum {string}
       */
      answer: 'accepted' | 'declined';
      /** @description The proposal’s current version; a stale one is 409 VERSION_CONFLICT. */
      version: number;
      /** @description Planned length of the link-up in weeks. */
      plannedWeeks?: number;
    };
    CohortDto: {
      /** Format: uuid */
      siteId: string;
      /** @description Only these waiting Seeking families. */
      seekingFamilyIds?: string[];
      /** @description Bonus per week waited (fit is 0..1). */
      fairnessPerWeekWaiting?: number;
      fairnessMaxWeeks?: number;
    };
    CohortAssignmentView: {
      /** Format: uuid */
      seekingFamilyId: string;
      /** Format: uuid */
      sharingFamilyId: string;
      fit: number;
      fairnessBonus: number;
      weeksWaiting: number;
      explanation: components['schemas']['MatchExplanationView'];
    };
    CohortUnassignedView: {
      /** Format: uuid */
      seekingFamilyId: string;
      /** @enum {string} */
      reasonCode: 'no_eligible_sharing_family' | 'no_positive_fit' | 'places_went_to_better_overall_fit';
      reason: string;
      eligibleCandidateCount: number;
      exclusionCounts: {
        [key: string]: number;
      };
      bestCandidate: {
        [key: string]: unknown;
      } | null;
    };
    CohortResponseView: {
      /** @enum {boolean} */
      proposalOnly: true;
      /** Format: uuid */
      siteId: string;
      /** Format: date */
      today: string;
      settingsVersion: number;
      fairnessPerWeekWaiting: number;
      fairnessMaxWeeks: number;
      assignments: components['schemas']['CohortAssignmentView'][];
      unassigned: components['schemas']['CohortUnassignedView'][];
      totalFit: number;
      totalObjective: number;
      stats: {
        [key: string]: number;
      };
      /** @description Preferred display names. */
      displayNames: {
        [key: string]: string;
      };
    };
    WorklistCheckInView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      linkUpId: string;
      /** @enum {string} */
      kind: 'first_contact' | 'stage_change' | 'resume' | 'cadence' | 'closure' | 'ad_hoc';
      /** @enum {string} */
      party: 'sharing' | 'seeking' | 'both';
      /** Format: date-time */
      dueAt: string;
      /** Format: date-time */
      overdueAt: string;
      /** @enum {string} */
      urgency: 'overdue' | 'due' | 'soon';
      seekingFamilyName: string;
      sharingFamilyName: string;
      /** Format: uuid */
      coachId: string | null;
      coachName: string | null;
    };
    WorklistLinkUpView: {
      /** Format: uuid */
      id: string;
      seekingFamilyName: string;
      sharingFamilyName: string;
      /** @enum {string} */
      stage: 'relationship_building' | 'doing_with' | 'doing_without';
      /** @enum {string} */
      status: 'active' | 'paused';
      /** @description Whole active weeks in the current stage. */
      weeksInStage: number;
      /** @enum {string|null} */
      nextTarget: 'doing_with' | 'doing_without' | 'completed' | null;
      unmetGuards: (
        | 'ACTIVE_GOAL_BY_SEEKING_FAMILY'
        | 'CHECK_IN_COMPLETED_SINCE_START'
        | 'BASELINE_MEASURE_RECORDED_OR_DECLINED'
        | 'GOAL_RATING_AFTER_BASELINE'
        | 'SMALL_WIN_RECORDED'
        | 'EXIT_MEASURE_RECORDED_OR_DECLINED'
        | 'CLOSURE_CHECK_IN_COMPLETED'
        | 'NO_OPEN_SAFEGUARDING_CONCERN'
        | 'CLOSURE_REASON_GIVEN'
        | 'MINIMUM_ACTIVE_WEEKS_IN_STAGE'
        | 'NO_OPEN_URGENT_SAFEGUARDING_CONCERN'
      )[];
      /** @description Safeguarding concerns not yet closed. */
      openConcerns: number;
      /** Format: uuid */
      coachId: string | null;
      coachName: string | null;
    };
    WorklistWaitingFamilyView: {
      /** Format: uuid */
      id: string;
      displayName: string;
      suburb: string | null;
      status: string;
      /** Format: date-time */
      waitingSince: string;
      weeksWaiting: number;
      /** Format: uuid */
      coachId: string | null;
      coachName: string | null;
    };
    WorklistSharingFamilyView: {
      /** Format: uuid */
      id: string;
      displayName: string;
      suburb: string | null;
      status: string;
      /** @enum {string} */
      reason: 'awaiting_approval' | 'check_expiring';
      /** Format: date */
      checkExpiresOn: string | null;
      /** Format: uuid */
      coachId: string | null;
      coachName: string | null;
    };
    WorklistConcernView: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      severity: 'immediate_danger' | 'high' | 'medium' | 'low';
      /** @enum {string} */
      status: 'open' | 'triaged';
      /** Format: date-time */
      raisedAt: string;
      /** Format: date-time */
      triageDueAt: string;
      /** @description Whole minutes to the triage deadline; negative once passed. */
      minutesToTriageDeadline: number;
      escalated: boolean;
      /** Format: uuid */
      linkUpId: string | null;
      /** Format: uuid */
      familyId: string | null;
      linkUpStatus: string | null;
      familyNames: string[];
      /** Format: uuid */
      coachId: string | null;
      coachName: string | null;
    };
    WorklistView: {
      /** Format: date-time */
      generatedAt: string;
      /** @description The IANA time zone dates are shown in. */
      timeZone: string;
      /** Format: date */
      today: string;
      checkIns: components['schemas']['WorklistCheckInView'][];
      linkUps: components['schemas']['WorklistLinkUpView'][];
      waitingFamilies: components['schemas']['WorklistWaitingFamilyView'][];
      sharingFamilies: components['schemas']['WorklistSharingFamilyView'][];
      concerns: components['schemas']['WorklistConcernView'][];
    };
    FamilyRefView: {
      /** Format: uuid */
      id: string;
      /** @description The household’s preferred display name. */
      displayName: string;
    };
    CoachRefView: {
      /** Format: uuid */
      id: string;
      displayName: string;
      /** @description The coach’s work email, so the families can reach their coach. */
      email: string;
    };
    LinkUpSummaryView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      siteId: string;
      stage: string;
      status: string;
      version: number;
      seekingFamily: components['schemas']['FamilyRefView'];
      sharingFamily: components['schemas']['FamilyRefView'];
      /** @description The current coach. */
      coach: components['schemas']['CoachRefView'];
      /** Format: date-time */
      startedAt: string;
      plannedWeeks: number;
      /** Format: date-time */
      pausedSince: string | null;
      /** Format: date-time */
      endedAt: string | null;
      closureReason: string | null;
      /**
       * Format: uuid
       * @description A re-match: the Seeking family’s link-up before this one (completed or ended early). Staff only (null for families).
       */
      previousLinkUpId: string | null;
    };
    LinkUpPageView: {
      items: components['schemas']['LinkUpSummaryView'][];
      total: number;
      limit: number;
      offset: number;
    };
    HistoryEntryView: {
      kind: string;
      fromStage: string | null;
      toStage: string | null;
      fromStatus: string | null;
      toStatus: string | null;
      /** Format: uuid */
      fromCoachId?: string | null;
      /** Format: uuid */
      toCoachId?: string | null;
      /** @description Staff only. */
      reason?: string | null;
      /** Format: date-time */
      at: string;
      /**
       * Format: uuid
       * @description Staff only.
       */
      actorId?: string;
      /** @description Staff only: who made the change. */
      actorName?: string | null;
    };
    StageWeeksView: {
      stage: string;
      /** Format: date-time */
      enteredAt: string;
      /** Format: date-time */
      leftAt: string | null;
      /** @description Active weeks, paused time excluded. */
      activeWeeks: number;
      pausedDays: number;
    };
    DurationsView: {
      /** @description Each stay in a stage, in order. */
      visits: components['schemas']['StageWeeksView'][];
      /** @description Active weeks per stage (all stays added up). */
      activeWeeksByStage: {
        [key: string]: number;
      };
      currentStageActiveWeeks: number;
      activeWeeks: number;
      pausedWeeks: number;
      elapsedWeeks: number;
      remainingPlannedWeeks: number | null;
    };
    GuardView: {
      guard: string;
      met: boolean;
      message: string;
      required: number | null;
      actual: number | null;
    };
    NextMoveView: {
      target: string;
      guards: components['schemas']['GuardView'][];
    };
    GoalRatingView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      goalId: string;
      rating: number;
      ratedBy: string;
      /** Format: date-time */
      ratedAt: string;
    };
    GoalView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      linkUpId: string;
      /** Format: uuid */
      familyId: string;
      text: string;
      theme: string;
      status: string;
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** @description Newest first (absent in the answer to a change). */
      ratings?: components['schemas']['GoalRatingView'][];
    };
    SmallWinView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      linkUpId: string;
      /**
       * Format: uuid
       * @description Whose win it is.
       */
      familyId: string;
      /** Format: uuid */
      goalId: string | null;
      text: string;
      /** Format: date */
      occurredOn: string;
      visibility: string;
      /** @description The role of who recorded it (family or staff). */
      recordedByRole: string;
    };
    GetTogetherView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      linkUpId: string;
      /** Format: date */
      heldOn: string;
      kind: string;
      childrenInvolved: boolean;
      recordedByRole: string;
    };
    FeedbackPointView: {
      /** @description The check-in period (1 = the link-up’s first period). */
      period: number;
      relationship: number;
      change: number;
      /** Format: date-time */
      givenAt: string;
      /** @description Staff only: the optional words. */
      words?: string | null;
    };
    FeedbackLineView: {
      /** @enum {string} */
      viewpoint: 'seeking' | 'sharing' | 'coach';
      /** @description One answer per period, oldest first. */
      points: components['schemas']['FeedbackPointView'][];
    };
    FeedbackAlertView: {
      /** Format: uuid */
      id: string;
      /**
       * @description diverged: two viewpoints 2 or more apart on a question in a period; dropped: a family’s answer 2 or more below its previous one.
       * @enum {string}
       */
      kind: 'diverged' | 'dropped';
      period: number;
      /** @enum {string} */
      question: 'relationship' | 'change';
      /**
       * @description diverged: the lowest answer’s; dropped: the family’s.
       * @enum {string}
       */
      lowViewpoint: 'seeking' | 'sharing' | 'coach';
      /** @description diverged: the lowest answer; dropped: the new answer. */
      lowRating: number;
      /**
       * @description diverged: the highest answer’s; dropped: the family’s.
       * @enum {string}
       */
      highViewpoint: 'seeking' | 'sharing' | 'coach';
      /** @description diverged: the highest answer; dropped: the previous answer. */
      highRating: number;
      /** Format: date-time */
      detectedAt: string;
    };
    FeedbackView: {
      /** @description The length of a check-in period in days (a programme setting). */
      periodDays: number;
      /** @description The period an answer given now falls in; null once the link-up is closed. */
      currentPeriod: number | null;
      /** @description Staff: the seeking, sharing and coach lines; a family user: its own line only. */
      lines: components['schemas']['FeedbackLineView'][];
      /** @description Staff only (empty for a family user). */
      alerts: components['schemas']['FeedbackAlertView'][];
    };
    LinkUpDetailsView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      siteId: string;
      stage: string;
      status: string;
      version: number;
      seekingFamily: components['schemas']['FamilyRefView'];
      sharingFamily: components['schemas']['FamilyRefView'];
      /** @description The current coach. */
      coach: components['schemas']['CoachRefView'];
      /** Format: date-time */
      startedAt: string;
      plannedWeeks: number;
      /** Format: date-time */
      pausedSince: string | null;
      /** Format: date-time */
      endedAt: string | null;
      closureReason: string | null;
      /**
       * Format: uuid
       * @description A re-match: the Seeking family’s link-up before this one (completed or ended early). Staff only (null for families).
       */
      previousLinkUpId: string | null;
      /** @description The stage history, oldest first. */
      history: components['schemas']['HistoryEntryView'][];
      durations: components['schemas']['DurationsView'];
      /** @description How many times the coach changed. */
      coachChanges: number;
      /** @description Staff only: the guards of the next move forward, met or not. */
      nextMove: components['schemas']['NextMoveView'] | null;
      /** @description Family users: whether the partner family shares its goals and small wins now. */
      partnerShares?: boolean | null;
      goals: components['schemas']['GoalView'][];
      smallWins: components['schemas']['SmallWinView'][];
      getTogethers: components['schemas']['GetTogetherView'][];
      /** @description The three viewpoints over time: staff see every line with words; a family its own line. */
      feedback: components['schemas']['FeedbackView'];
    };
    TransitionDto: {
      /**
       * @description A stage (the next one advances, the previous one moves back), or `paused`, `active` (resume), `completed`, `ended_early`.
       * @enum {string}
       */
      to:
        | 'relationship_building'
        | 'doing_with'
        | 'doing_without'
        | 'paused'
        | 'active'
        | 'completed'
        | 'ended_early';
      /** @description Why: required to move back or pause, and to end early with `other`; optional on an advance or a resume (recorded when given). */
      reason?: string;
      /** @description Completing: the closure reason. Ending early: one of family_withdrew, moved_away, safety_concern, not_a_good_fit, sharing_family_unavailable, other. */
      closureReason?: string;
      /** @description The version the change is based on; a stale one is 409 VERSION_CONFLICT. */
      version: number;
    };
    ReassignCoachDto: {
      /**
       * Format: uuid
       * @description An active coach (or supervisor) of the link-up’s site.
       */
      coachId: string;
      reason: string;
      version: number;
    };
    NewGoalDto: {
      /** @description The Seeking family’s own words. */
      text: string;
      /** @description A key of the goal-theme vocabulary (programme settings). */
      theme: string;
    };
    NewSmallWinDto: {
      text: string;
      /**
       * Format: date
       * @description Not in the future, nor before the link-up started.
       * @example 2026-03-02
       */
      occurredOn: string;
      /**
       * Format: uuid
       * @description A goal of this link-up the win moves on (one you may see).
       */
      goalId?: string;
      /**
       * @default link_up
       * @enum {string}
       */
      visibility: 'link_up' | 'coach_only';
      /**
       * Format: uuid
       * @description Whose win: a family user’s own family; staff default to the Seeking family.
       */
      familyId?: string;
    };
    NewGetTogetherDto: {
      /**
       * Format: date
       * @description Not in the future, nor before the link-up started.
       * @example 2026-03-02
       */
      heldOn: string;
      /** @enum {string} */
      kind: 'chat' | 'fun_activity' | 'side_by_side' | 'community_connection';
      childrenInvolved: boolean;
    };
    ReviseGoalDto: {
      /** @description The goal’s current version; a stale one is 409 VERSION_CONFLICT. */
      version: number;
      text?: string;
      theme?: string;
      /** @enum {string} */
      status?: 'active' | 'achieved' | 'set_aside';
    };
    NewGoalRatingDto: {
      /** @description Goal Attainment Scaling. */
      rating: number;
      /**
       * @description Family users rate as `family`; staff default to `coach`.
       * @enum {string}
       */
      ratedBy?: 'family' | 'coach' | 'joint';
      /**
       * Format: date-time
       * @description ISO-8601. Defaults to now; not in the future, nor before the goal was written.
       */
      ratedAt?: string;
    };
    NewOutcomeMeasureDto: {
      /**
       * @description K10, PWI, PSOC, DEX_CIRCUMSTANCES, DEX_GOALS, DEX_SATISFACTION, GAS_SUMMARY, or a custom one.
       * @example K10
       */
      instrument: string;
      /** @enum {string} */
      timepoint: 'baseline' | 'review' | 'exit' | 'follow_up';
      /** @description Within the instrument’s range (K10 10–50, PWI 0–100, …); absent when declined. */
      score?: number;
      /** @default false */
      declined: boolean;
      /**
       * @description Required when declined.
       * @enum {string}
       */
      declineReason?:
        'family_declined' | 'not_appropriate_now' | 'could_not_contact' | 'language_or_literacy' | 'other';
      /**
       * @description Who answered: the family, the coach, or both.
       * @enum {string}
       */
      assessedBy: 'family' | 'coach' | 'joint';
      /**
       * Format: date-time
       * @description ISO-8601. Defaults to now; not in the future.
       */
      administeredAt?: string;
      /**
       * Format: uuid
       * @description Which live link-up it belongs to (default: the only one). It must be in your caseload: a measure is never written into another coach’s link-up (404).
       */
      linkUpId?: string;
    };
    OutcomeMeasureView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      familyId: string;
      /** Format: uuid */
      linkUpId: string | null;
      instrument: string;
      timepoint: string;
      score: number | null;
      declined: boolean;
      declineReason: string | null;
      /** Format: date-time */
      administeredAt: string;
      assessedBy: string;
      /** Format: uuid */
      recordedBy: string;
    };
    GiveFeedbackDto: {
      /** @description How the relationship between the families is going (1 not well … 5 very well). */
      relationship: number;
      /** @description How things are changing for the Seeking family (1 worse … 5 much better). */
      change: number;
      /** @description Optional words for the coach: only staff read them; never exported. */
      words?: string;
    };
    FeedbackGivenView: {
      /**
       * @description Whose answer this was.
       * @enum {string}
       */
      viewpoint: 'seeking' | 'sharing' | 'coach';
      /** @description The period it counts for. */
      period: number;
      /** @description Whether it replaced an earlier answer of the same period. */
      replaced: boolean;
      feedback: components['schemas']['FeedbackView'];
    };
    CheckInView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      linkUpId: string;
      /** @enum {string} */
      kind: 'first_contact' | 'stage_change' | 'resume' | 'cadence' | 'closure' | 'ad_hoc';
      /** @enum {string} */
      party: 'sharing' | 'seeking' | 'both';
      /** @enum {string} */
      status: 'scheduled' | 'due' | 'completed' | 'missed' | 'cancelled';
      /** Format: date-time */
      dueAt: string;
      /**
       * Format: date-time
       * @description Missed and escalated if still open then.
       */
      overdueAt: string;
      /** Format: date-time */
      heldAt: string | null;
      /** @enum {string|null} */
      mode: 'in_person' | 'phone' | 'video' | 'message' | null;
      notes: string | null;
      relationshipRating: number | null;
      wellbeingRating: number | null;
      /** Format: uuid */
      completedBy: string | null;
      cancelledReason: string | null;
      version: number;
    };
    CheckInPageView: {
      items: components['schemas']['CheckInView'][];
      total: number;
      limit: number;
      offset: number;
    };
    CheckInConcernDto: {
      /** @enum {string} */
      severity: 'immediate_danger' | 'high' | 'medium' | 'low';
      /** @description What was seen or said (staff-only; never shown to families). */
      description: string;
      /**
       * @description family: a family’s worry.
       * @default staff
       * @enum {string}
       */
      source: 'staff' | 'family';
      /**
       * Format: uuid
       * @description Which of the link-up’s families it is about.
       */
      familyId?: string;
    };
    CompleteCheckInDto: {
      /**
       * Format: date-time
       * @description When it was held (not in the future).
       */
      heldAt: string;
      /** @enum {string} */
      mode: 'in_person' | 'phone' | 'video' | 'message';
      /** @description Staff-only notes (never shown to families, never exported). */
      notes?: string;
      /** @description How the families’ relationship is going (1–5). */
      relationshipRating: number;
      /** @description How the family is going (1–5). */
      wellbeingRating: number;
      /** @description The version read: a stale one is 409 VERSION_CONFLICT. */
      version: number;
      /** @description A worry raised at the check-in. */
      concern?: components['schemas']['CheckInConcernDto'];
    };
    RaiseConcernDto: {
      /**
       * Format: uuid
       * @description The link-up it is about (or give familyId).
       */
      linkUpId?: string;
      /**
       * Format: uuid
       * @description The family it is about (or give linkUpId).
       */
      familyId?: string;
      /** @enum {string} */
      severity: 'immediate_danger' | 'high' | 'medium' | 'low';
      /** @description What was seen or said (staff-only; never shown to families). */
      description: string;
      /**
       * @description family: a family’s worry, raised by its coach.
       * @default staff
       * @enum {string}
       */
      source: 'staff' | 'family';
    };
    ConcernView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      siteId: string;
      /** Format: uuid */
      linkUpId: string | null;
      /** Format: uuid */
      familyId: string | null;
      /** Format: uuid */
      checkInId: string | null;
      /** @enum {string} */
      severity: 'immediate_danger' | 'high' | 'medium' | 'low';
      /** @enum {string} */
      status: 'open' | 'triaged' | 'closed';
      /** @enum {string} */
      source: 'staff' | 'family';
      /** @description Staff-only. */
      description: string;
      /** Format: date-time */
      raisedAt: string;
      /** Format: uuid */
      raisedBy: string;
      /**
       * Format: date-time
       * @description The triage deadline (SLA).
       */
      triageDueAt: string;
      /** Format: date-time */
      triagedAt: string | null;
      /** Format: date-time */
      escalatedAt: string | null;
      version: number;
      /** @description Display names of the families concerned (a link-up’s two, or the one family). */
      familyNames: string[];
    };
    ConcernPageView: {
      items: components['schemas']['ConcernView'][];
      total: number;
      limit: number;
      offset: number;
    };
    ConcernEntryView: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'raised' | 'triaged' | 'amended' | 'escalated';
      /** @enum {string} */
      severity: 'immediate_danger' | 'high' | 'medium' | 'low';
      /** @enum {string} */
      status: 'open' | 'triaged' | 'closed';
      /** @enum {string|null} */
      decision:
        | 'no_further_action'
        | 'monitor'
        | 'support_plan'
        | 'referred_to_child_protection'
        | 'referred_to_police'
        | 'referred_to_other_service'
        | null;
      /** @enum {string|null} */
      linkUpEffect: 'none' | 'pause' | 'resume' | 'end' | null;
      note: string | null;
      /**
       * Format: uuid
       * @description Null: the system.
       */
      actorId: string | null;
      /** @description Who wrote the entry; null: the system. */
      actorName: string | null;
      /** Format: date-time */
      at: string;
    };
    ConcernDetailView: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      siteId: string;
      /** Format: uuid */
      linkUpId: string | null;
      /** Format: uuid */
      familyId: string | null;
      /** Format: uuid */
      checkInId: string | null;
      /** @enum {string} */
      severity: 'immediate_danger' | 'high' | 'medium' | 'low';
      /** @enum {string} */
      status: 'open' | 'triaged' | 'closed';
      /** @enum {string} */
      source: 'staff' | 'family';
      /** @description Staff-only. */
      description: string;
      /** Format: date-time */
      raisedAt: string;
      /** Format: uuid */
      raisedBy: string;
      /**
       * Format: date-time
       * @description The triage deadline (SLA).
       */
      triageDueAt: string;
      /** Format: date-time */
      triagedAt: string | null;
      /** Format: date-time */
      escalatedAt: string | null;
      version: number;
      /** @description Display names of the families concerned (a link-up’s two, or the one family). */
      familyNames: string[];
      /** @description The append-only history, oldest first. */
      entries: components['schemas']['ConcernEntryView'][];
    };
    TriageConcernDto: {
      /** @enum {string} */
      decision:
        | 'no_further_action'
        | 'monitor'
        | 'support_plan'
        | 'referred_to_child_protection'
        | 'referred_to_police'
        | 'referred_to_other_service';
      /**
       * @description none, pause (the link-up), resume (a paused one), end (early, for a safety concern)
       * @enum {string}
       */
      linkUpEffect: 'none' | 'pause' | 'resume' | 'end';
      /**
       * @description Close the concern with this entry.
       * @default false
       */
      close: boolean;
      /**
       * @description A changed severity (an amendment).
       * @enum {string}
       */
      severity?: 'immediate_danger' | 'high' | 'medium' | 'low';
      /** @description Staff-only note of the decision. */
      note?: string;
      /** @description The version read: a stale one is 409 VERSION_CONFLICT. */
      version: number;
    };
    NotificationView: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind:
        | 'check_in_due'
        | 'check_in_missed'
        | 'concern_urgent'
        | 'concern_triage_overdue'
        | 'sharing_family_on_hold'
        | 'feedback_check_in';
      /** @enum {string} */
      subjectType: 'check_in' | 'safeguarding_concern' | 'link_up' | 'feedback_alert';
      /** Format: uuid */
      subjectId: string;
      /** Format: uuid */
      linkUpId: string | null;
      title: string;
      /** @description No names or notes: what is due, when. */
      text: string;
      link: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      readAt: string | null;
    };
    NotificationPageView: {
      items: components['schemas']['NotificationView'][];
      total: number;
      unread: number;
      limit: number;
      offset: number;
    };
    CalibrationFiltersView: {
      /** @description The site’s name, or null for every site. */
      site: string | null;
      from: string | null;
      to: string | null;
    };
    FitBandView: {
      /** @enum {string} */
      key: 'under_50' | '50_to_69' | '70_to_84' | '85_and_over';
      /** @description The band in words (e.g. "70–84%"). */
      label: string;
      /** @description Lowest whole percentage in the band (inclusive). */
      minPercent: number;
      /** @description Highest whole percentage in the band (inclusive). */
      maxPercent: number;
    };
    EndedEarlyCountView: {
      /** @enum {string} */
      reason:
        | 'family_withdrew'
        | 'moved_away'
        | 'safety_concern'
        | 'not_a_good_fit'
        | 'sharing_family_unavailable'
        | 'other';
      /** @description Link-ups ended early for this reason; "n.p." when withheld. */
      count: number | 'n.p.';
    };
    GoalAttainmentChangeView: {
      /** @description Link-ups with a goal attainment change (a goal rated at least twice); "n.p." from 1 to the threshold − 1, or when a combined figure would give a withheld part away. */
      n: number | 'n.p.';
      /** @description Mean change (last minus first rating, −4…+4), to two decimals. */
      meanChange: number | null;
      /** @description 95 % confidence interval, low end (t). */
      ciLow: number | null;
      /** @description 95 % confidence interval, high end (t). */
      ciHigh: number | null;
    };
    CalibrationRowView: {
      /**
       * @description The band, or `all` for every band together.
       * @enum {string}
       */
      band: 'under_50' | '50_to_69' | '70_to_84' | '85_and_over' | 'all';
      label: string;
      minPercent: number | null;
      maxPercent: number | null;
      /** @description Link-ups that ended: completed and ended early. */
      ended: number | 'n.p.';
      /** @description Link-ups completed. */
      completed: number | 'n.p.';
      /** @description Ended early, by reason (every reason, in order). */
      endedEarly: components['schemas']['EndedEarlyCountView'][];
      goalAttainmentChange: components['schemas']['GoalAttainmentChangeView'];
    };
    MatchingCalibrationView: {
      /** Format: date-time */
      generatedAt: string;
      filters: components['schemas']['CalibrationFiltersView'];
      suppressionThreshold: number;
      /** @description The bands of fit, lowest first. */
      fitBands: components['schemas']['FitBandView'][];
      /** @description One row per band, lowest first. */
      bands: components['schemas']['CalibrationRowView'][];
      /** @description Every band together. */
      allBands: components['schemas']['CalibrationRowView'];
      /** @description How to read the report: what is counted and how. */
      notes: string[];
    };
    OutcomeChangeFiltersView: {
      /** @description The site’s name, or null for every site. */
      site: string | null;
      from: string | null;
      to: string | null;
    };
    OutcomeChangeRowView: {
      /** @description The instrument’s key (K10, PWI…). */
      instrument: string;
      /** @description The instrument’s name in words. */
      label: string;
      /**
       * @description Baseline → this timepoint.
       * @enum {string}
       */
      to: 'exit' | 'follow_up';
      /** @description Families with both measures; "n.p." (not published) from 1 to the threshold − 1. */
      n: number | 'n.p.';
      /** @description Mean of (later − baseline). */
      meanChange: number | null;
      /** @description 95 % confidence interval, low end (t). */
      ciLow: number | null;
      /** @description 95 % confidence interval, high end (t). */
      ciHigh: number | null;
    };
    OutcomeChangeView: {
      /** Format: date-time */
      generatedAt: string;
      filters: components['schemas']['OutcomeChangeFiltersView'];
      suppressionThreshold: number;
      rows: components['schemas']['OutcomeChangeRowView'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  AuthController_join: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['JoinDto'];
      };
    };
    responses: {
      /** @description The account is made: sign in with the email and password. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_requestPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetRequestDto'];
      };
    };
    responses: {
      /** @description Accepted, whether or not the email has an account. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_completePasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetDto'];
      };
    };
    responses: {
      /** @description The password is set: sign in with it. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenView'];
        };
      };
    };
  };
  FamilyInvitationsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationView'][];
        };
      };
    };
  };
  FamilyInvitationsController_invite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewInvitationDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitationSentView'];
        };
      };
    };
  };
  MeController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserView'];
        };
      };
    };
  };
  MeController_changePassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenView'];
        };
      };
    };
  };
  SitesController_listSites: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SiteView'][];
        };
      };
    };
  };
  SitesController_createSite: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSiteDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SiteView'];
        };
      };
    };
  };
  SitesController_getSite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SiteView'];
        };
      };
    };
  };
  SitesController_updateSite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSiteDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SiteView'];
        };
      };
    };
  };
  SitesController_listSiteNames: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SiteNameView'][];
        };
      };
    };
  };
  UsersController_listUsers: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        role?: 'admin' | 'supervisor' | 'coach' | 'evaluator' | 'family';
        siteId?: string;
        active?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPageView'];
        };
      };
    };
  };
  UsersController_createUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserView'];
        };
      };
    };
  };
  UsersController_getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserView'];
        };
      };
    };
  };
  UsersController_deactivateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserView'];
        };
      };
    };
  };
  UsersController_reactivateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserView'];
        };
      };
    };
  };
  AuditController_listEvents: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        actorId?: string;
        action?: string;
        entityType?: string;
        entityId?: string;
        /** @description Events at or after this time. */
        from?: string;
        /** @description Events before this time. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPageView'];
        };
      };
    };
  };
  SettingsController_readSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SettingsController_changeSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PatchSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SettingsController_readVocabularies: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VocabulariesView'];
        };
      };
    };
  };
  SettingsController_listVersions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SystemController_requestPing: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SystemController_getPing: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MetricsController_scrape: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text format 0.0.4 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
  FamiliesController_listFamilies: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        /** @description Part of the household name, a person’s preferred name or the suburb (any case). */
        q?: string;
        kind?: 'seeking' | 'sharing';
        status?:
          | 'referred'
          | 'intake'
          | 'choosing'
          | 'linked'
          | 'completed'
          | 'waitlisted'
          | 'withdrawn'
          | 'enquiry'
          | 'in_training'
          | 'approved'
          | 'on_hold'
          | 'exited';
        /** @description Only the site’s families (admins; others see one site). */
        siteId?: string;
        /** @description Only families whose primary coach this is. */
        coachId?: string;
        /** @description Only families waiting (for a shortlist or a place) at least this many whole weeks. */
        waitingMinWeeks?: number;
        /** @description name: household name; waiting: weeks waiting (families not waiting last); status: lifecycle order; updated: last change. */
        sort?: 'name' | 'waiting' | 'status' | 'updated';
        order?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FamilyPageView'];
        };
      };
    };
  };
  FamiliesController_registerFamily: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterFamilyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FamilyView'];
        };
      };
    };
  };
  FamiliesController_getFamily: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FamilyDetailView'];
        };
      };
    };
  };
  FamiliesController_updateFamily: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateFamilyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FamilyView'];
        };
      };
    };
  };
  FamiliesController_addPerson: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddPersonDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonView'];
        };
      };
    };
  };
  FamiliesController_changeConsent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConsentChangeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsentChangeView'];
        };
      };
    };
  };
  FamiliesController_changeStatus: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangeStatusDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FamilyView'];
        };
      };
    };
  };
  PeopleController_updatePerson: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePersonDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonView'];
        };
      };
    };
  };
  FamilyMatchingController_listExclusions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExclusionListItemView'][];
        };
      };
    };
  };
  FamilyMatchingController_recordExclusion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordExclusionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExclusionView'];
        };
      };
    };
  };
  FamilyMatchingController_liftExclusion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        exclusionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LiftExclusionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExclusionView'];
        };
      };
    };
  };
  FamilyMatchingController_suggestSharingFamilies: {
    parameters: {
      query?: {
        /** @description Default: the programme’s suggestion limit. */
        limit?: number;
        /** @description Include pairs the family declined before (a coach overriding). */
        includeDeclined?: boolean;
        /** @description How many excluded families to list. */
        excludedLimit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuggestionsResponseView'];
        };
      };
    };
  };
  MatchProposalsController_proposeShortlist: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ProposeShortlistDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MatchProposalView'];
        };
      };
    };
  };
  MatchProposalsController_getProposal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MatchProposalView'];
        };
      };
    };
  };
  MatchProposalsController_recordDecision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordDecisionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MatchProposalView'];
        };
      };
    };
  };
  MatchProposalsController_recordSharingFamilyAnswer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SharingFamilyAnswerDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MatchProposalView'];
        };
      };
    };
  };
  CohortMatchingController_proposeCohort: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CohortDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CohortResponseView'];
        };
      };
    };
  };
  WorklistController_getWorklist: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorklistView'];
        };
      };
    };
  };
  LinkUpsController_listLinkUps: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        status?: 'active' | 'paused' | 'completed' | 'ended_early';
        stage?: 'relationship_building' | 'doing_with' | 'doing_without';
        /** @description Link-ups of this family (Seeking or Sharing). */
        familyId?: string;
        coachId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkUpPageView'];
        };
      };
    };
  };
  LinkUpsController_getLinkUp: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkUpDetailsView'];
        };
      };
    };
  };
  LinkUpsController_transitionLinkUp: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TransitionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkUpDetailsView'];
        };
      };
    };
  };
  LinkUpsController_reassignCoach: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReassignCoachDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkUpDetailsView'];
        };
      };
    };
  };
  LinkUpJourneyController_listGoals: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GoalView'][];
        };
      };
    };
  };
  LinkUpJourneyController_recordGoal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewGoalDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GoalView'];
        };
      };
    };
  };
  LinkUpJourneyController_listSmallWins: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SmallWinView'][];
        };
      };
    };
  };
  LinkUpJourneyController_recordSmallWin: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewSmallWinDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SmallWinView'];
        };
      };
    };
  };
  LinkUpJourneyController_listGetTogethers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GetTogetherView'][];
        };
      };
    };
  };
  LinkUpJourneyController_recordGetTogether: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewGetTogetherDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GetTogetherView'];
        };
      };
    };
  };
  GoalsController_reviseGoal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReviseGoalDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GoalView'];
        };
      };
    };
  };
  GoalsController_rateGoal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewGoalRatingDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GoalRatingView'];
        };
      };
    };
  };
  OutcomeMeasuresController_listOutcomeMeasures: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OutcomeMeasureView'][];
        };
      };
    };
  };
  OutcomeMeasuresController_recordOutcomeMeasure: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewOutcomeMeasureDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OutcomeMeasureView'];
        };
      };
    };
  };
  LinkUpFeedbackController_giveFeedback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GiveFeedbackDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FeedbackGivenView'];
        };
      };
    };
  };
  CheckInsController_listCheckIns: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        /** @description due, missed, upcoming (scheduled), completed, cancelled, open (all three not held), all */
        view?: 'due' | 'missed' | 'upcoming' | 'completed' | 'cancelled' | 'open' | 'all';
        linkUpId?: string;
        party?: 'sharing' | 'seeking' | 'both';
        /** @description Check-ins of this coach’s link-ups. */
        coachId?: string;
        /** @description Due at or after. */
        dueFrom?: string;
        /** @description Due before. */
        dueTo?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckInPageView'];
        };
      };
    };
  };
  CheckInsController_getCheckIn: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckInView'];
        };
      };
    };
  };
  CheckInsController_completeCheckIn: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CompleteCheckInDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckInView'];
        };
      };
    };
  };
  SafeguardingController_listConcerns: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        status?: 'open' | 'triaged' | 'closed';
        severity?: 'immediate_danger' | 'high' | 'medium' | 'low';
        linkUpId?: string;
        familyId?: string;
        /** @description Only open concerns past their triage deadline. */
        triageOverdue?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConcernPageView'];
        };
      };
    };
  };
  SafeguardingController_raiseConcern: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RaiseConcernDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConcernView'];
        };
      };
    };
  };
  SafeguardingController_getConcern: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConcernDetailView'];
        };
      };
    };
  };
  SafeguardingController_triageConcern: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TriageConcernDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConcernDetailView'];
        };
      };
      /** @description Stale version (`VERSION_CONFLICT`); the concern is closed; the effect does not apply to the link-up’s status; or a resume refused while an urgent concern stays open (`LINK_UP.GUARD_FAILED`, see above). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  NotificationsController_listNotifications: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        unreadOnly?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotificationPageView'];
        };
      };
    };
  };
  NotificationsController_markRead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotificationView'];
        };
      };
    };
  };
  ExportsController_exportLinkUps: {
    parameters: {
      query?: {
        /** @description Only this site (default: every site in your scope). */
        siteId?: string;
        /** @description First month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        from?: string;
        /** @description Last month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        to?: string;
        /** @description Start the file with a UTF-8 byte order mark, for Excel. */
        bom?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description link-ups.csv */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
    };
  };
  ExportsController_exportGoals: {
    parameters: {
      query?: {
        /** @description Only this site (default: every site in your scope). */
        siteId?: string;
        /** @description First month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        from?: string;
        /** @description Last month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        to?: string;
        /** @description Start the file with a UTF-8 byte order mark, for Excel. */
        bom?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description goals.csv */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
    };
  };
  ExportsController_exportOutcomeMeasures: {
    parameters: {
      query?: {
        /** @description Only this site (default: every site in your scope). */
        siteId?: string;
        /** @description First month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        from?: string;
        /** @description Last month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        to?: string;
        /** @description Start the file with a UTF-8 byte order mark, for Excel. */
        bom?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description outcome-measures.csv */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
    };
  };
  ExportsController_dataDictionary: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReportsController_matchingCalibration: {
    parameters: {
      query?: {
        /** @description Only this site (default: every site in your scope). */
        siteId?: string;
        /** @description First month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        from?: string;
        /** @description Last month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MatchingCalibrationView'];
        };
      };
    };
  };
  ReportsController_outcomeChange: {
    parameters: {
      query?: {
        /** @description Only this site (default: every site in your scope). */
        siteId?: string;
        /** @description First month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        from?: string;
        /** @description Last month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OutcomeChangeView'];
        };
      };
    };
  };
  ReportsController_summariseProgramme: {
    parameters: {
      query?: {
        /** @description Only this site (default: every site in your scope). */
        siteId?: string;
        /** @description First month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        from?: string;
        /** @description Last month of the period (inclusive). A month (YYYY-MM, UTC; days are refused, so no period can single out a start date); the period covers link-ups started within it. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
