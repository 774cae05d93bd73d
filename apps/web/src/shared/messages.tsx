/**
 * The one message catalogue: every sentence the web app shows a person lives here, grouped by
 * feature, and every error code the API can answer has its plain sentence under `errors`.
 *
 * How to add a sentence: add a key to `en` in the group of your feature (or a new group), then read it
 * in a component with `const m = useMessages();` and `m.group.key` (or `m.group.key(n)` for a sentence
 * that takes values: write those as functions so another language can order words and plurals its own
 * way). Never write a sentence in a component, and never show the API's `message` to a person.
 *
 * Another language later: `export const fr: Catalogue = { … }` beside `en` (the type checker then
 * insists on every key), and `useMessages` picks the catalogue by the person's language.
 */

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const en = {
  app: {
    name: 'Family Link',
    skip: 'Skip to content',
    signOut: 'Sign out',
    mainNav: 'Main',
    loading: 'Loading',
    saving: 'Saving…',
    working: 'Working…',
    tryAgain: 'Try again',
    required: ' (required)',
    none: '—',
    notFoundTitle: 'Page not found',
    notFoundText: 'This page does not exist.',
    goHome: 'Go to your home page',
  },

  // ── The family's own pages (issue 15, helper webfamily) ─────────────────────────────────────
  /** The family's pages: phone first, warm plain words, the family's preferred names. */
  family: {
    loading: 'Loading your page',
    hello: (names: string) => (names === '' ? 'Hi there' : `Hi, ${names}`),
    and: (names: readonly string[]) =>
      names.length <= 1
        ? (names[0] ?? '')
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`,
    notLinked: 'You are not linked up with another family yet. Your coach will be in touch.',
    linkedWith: (partner: string) => `You are linked up with ${partner}.`,
    sectionsNav: 'On this page',
    stageHeading: 'Where you are now',
    stageWords: {
      relationship_building: 'Getting to know each other',
      doing_with: 'Doing things together',
      doing_without: 'Doing it yourselves',
    } as Record<string, string>,
    stageExplained: {
      relationship_building:
        'The two families meet, chat and find things you enjoy together. There is no rush: trust takes time.',
      doing_with:
        'You work on your goals side by side: the other family shows how they do things and helps you try.',
      doing_without:
        'You try things on your own now, with the other family cheering you on and there if you need them.',
    } as Record<string, string>,
    stageOf: (n: number, of: number) => `Step ${n} of ${of}`,
    weeksTogether: (weeks: number) =>
      weeks < 1 ? 'You started this week.' : `You have been linked up for ${plural(weeks, 'week', 'weeks')}.`,
    paused: 'Your link-up is paused for now. Your coach will talk with you about what happens next.',
    completed: 'Your link-up is complete. Well done, all of you!',
    endedEarly: 'Your link-up has ended.',
    coachHeading: 'Your coach',
    coachIs: (name: string) => `Your coach is ${name}.`,
    coachReach: 'You can reach your coach by email at any time, about anything.',
    emailCoach: (name: string) => `Email ${name}`,
    goalsOurs: 'Our goals',
    goalsTheirs: (partner: string) => `${partner}'s goals`,
    noGoalsYet: 'No goals written yet. Write one below, in your own words.',
    noneSharedYet: 'Nothing shared yet.',
    keepsPrivate: (partner: string) => `${partner} keeps its goals and wins between them and their coach.`,
    achieved: '✓ Achieved!',
    theme: (label: string) => `About: ${label}`,
    howGoing: 'How is it going?',
    notRated: 'Not rated yet.',
    latestRating: (words: string, date: string) => `Latest: ${words} (${date})`,
    addGoalHeading: 'Add a goal',
    addGoalForm: 'Add a goal',
    goalText: 'Our goal, in our own words',
    goalHint: 'For example: “Get the kids to school on time most days”.',
    goalTheme: 'What is it about?',
    chooseTheme: 'Choose one',
    saveGoal: 'Save our goal',
    editGoal: 'Change the words',
    editGoalForm: (text: string) => `Change the goal “${text}”`,
    saveChanges: 'Save the changes',
    cancel: 'Cancel',
    winHeading: 'Log a small win',
    togetherHeading: 'Log a get-together',
    journeyHeading: 'Your journey so far',
    journeyIntro: (wins: number, together: number) =>
      `Look how far you've come: ${plural(wins, 'small win', 'small wins')} and ${plural(together, 'get-together', 'get-togethers')}.`,
    journeyEmpty: 'Your journey starts here. Every step counts!',
    journeyStarted: (partner: string) => `You linked up with ${partner}`,
    journeyStage: (stage: string) => `You moved on to “${stage}”`,
    journeyWinOurs: 'Our small win',
    journeyWinTheirs: (partner: string) => `${partner}'s small win`,
    journeyTogether: 'Get-together',
    withChildren: ', with the children',
    theirWinsHeading: (partner: string) => `${partner}'s small wins`,
    feedbackHeading: 'Tell us how it is going',
    feedbackIntro: 'Two quick questions. Your answers help your coach support you.',
    feedbackForm: 'How it is going',
    relationshipQuestion: (partner: string) => `How are things going between you and ${partner}?`,
    changeQuestionSeeking: 'How are things changing for your family?',
    changeQuestionSharing: (partner: string) => `How are things changing for ${partner}?`,
    relationshipScale: ['Not well', 'Not so well', 'Okay', 'Well', 'Very well'] as readonly string[],
    changeScale: ['Worse', 'The same', 'A little better', 'Better', 'Much better'] as readonly string[],
    feedbackWords: 'Anything else you would like your coach to know? (optional)',
    feedbackWordsHint: 'Only your coach reads this.',
    sendFeedback: 'Send our answers',
    feedbackGiven: (date: string) => `You answered on ${date}. You can answer again to change it.`,
    saved: {
      goal: 'Saved! Your goal is on your list. Well done for writing it down.',
      goalChanged: 'Saved! Your goal now reads the way you want it.',
      rating: (words: string) => `Thanks! We noted “${words}”.`,
      win: 'Saved! Another small win — every step counts.',
      together: 'Saved! Lovely that you got together.',
      feedback: 'Thank you! Your coach will see your answers.',
    },
  },

  /** Page titles (the browser tab shows "<title> · Family Link"). */
  titles: {
    signIn: 'Sign in',
    today: 'Today',
    families: 'Families',
    family: (name: string) => name,
    suggestions: (name: string) => `Suggestions for ${name}`,
    shortlist: 'Shortlist',
    linkUp: (name: string) => name,
    checkIn: 'Check-in',
    concerns: 'Safeguarding concerns',
    concern: 'Safeguarding concern',
    cohort: 'Cohort proposal',
    familyHome: 'Our link-up',
    evaluator: 'Reports and exports',
    admin: 'Administration',
    audit: 'Audit trail',
    changePassword: 'Change your password',
    notFound: 'Page not found',
  },

  nav: {
    today: 'Today',
    families: 'Families',
    concerns: 'Concerns',
    cohort: 'Cohort',
    admin: 'Admin',
    audit: 'Audit',
    reports: 'Reports',
    reportsAndExports: 'Reports and exports',
    ourLinkUp: 'Our link-up',
    account: 'Password',
  },

  session: {
    expired: 'Your session ended. Please sign in again to carry on where you were.',
    signedOut: 'You are signed out.',
    signedOutElsewhere: 'You signed out in another tab.',
  },

  /** Plain words for the API's error codes. */
  errors: {
    NETWORK: 'We could not reach Family Link. Check your internet connection and try again.',
    UNKNOWN: 'Something went wrong. Please try again.',
    SERVER: 'Family Link had a problem on its side. Please try again in a moment.',
    CLIENT: 'Family Link could not do that. Please reload the page and try again.',
    VALIDATION_FAILED: 'Please check the form: some answers are missing or not right.',
    BAD_REQUEST: 'Family Link could not understand that request. Please reload the page and try again.',
    INVALID_VALUE: 'One of the answers is not valid here. Please check the form.',
    MALFORMED_JSON: 'Something went wrong sending the form. Please try again.',
    PAYLOAD_TOO_LARGE: 'That is too much to send at once. Please shorten it and try again.',
    UNSUPPORTED_MEDIA_TYPE: 'Something went wrong sending the form. Please reload the page and try again.',
    METHOD_NOT_ALLOWED: 'Family Link could not do that. Please reload the page and try again.',
    INTERNAL_ERROR: 'Family Link had a problem on its side. Please try again in a moment.',
    UNAVAILABLE: 'Family Link is busy or restarting. Please try again in a moment.',
    RATE_LIMITED: 'Too many requests in a short time. Please wait a minute and try again.',
    CONFLICT: 'This changed in the meantime. Reload the page to see the latest, then try again.',
    UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
    FORBIDDEN: 'Your account is not allowed to do this.',
    NOT_FOUND: 'We could not find this. It may have been removed, or it is not on your list.',
    VERSION_CONFLICT:
      'Someone else changed this while you were working on it. Reload the page to see the latest, then try again.',
    'AUTH.INVALID_CREDENTIALS': 'That email and password do not match. Please check them and try again.',
    'AUTH.UNAUTHENTICATED': 'Your session has ended. Please sign in again.',
    'AUTH.TOO_MANY_ATTEMPTS': 'Too many tries. Please wait a few minutes and try again.',
    'ACCESS.FORBIDDEN': 'Your account is not allowed to do this.',
    'ACCESS.UNDECLARED': 'Your account is not allowed to do this.',
    'CHECK_IN.NOT_OPEN': 'This check-in has already been recorded or cancelled.',
    'EXPORT.TOO_MANY_AT_ONCE': 'Another export is still being prepared. Please wait for it, then try again.',
    'FAMILY.APPROVAL_GUARDS_UNMET': 'The family cannot be approved yet. Still to do:',
    'FAMILY.CAPACITY_BELOW_LIVE_LINK_UPS':
      'The family already has more link-ups going than that. Choose a number at least as large.',
    'FAMILY.HAS_LIVE_LINK_UP': 'This family is in a link-up that is still going, so this cannot change now.',
    'FAMILY.SIGN_OFF_NEEDS_COACH': 'A coach needs to sign off this family.',
    'FAMILY.STATUS_MOVE_NOT_ALLOWED': 'The family cannot move to that step from where it is now.',
    'FAMILY.UNKNOWN_COACH': 'That coach is not on this site. Choose another coach.',
    'JOURNEY.SEEKING_FAMILY_ONLY': 'Only the Seeking family can do this.',
    'LINK_UP.GUARD_FAILED': 'This link-up cannot move yet. Still to do:',
    'LINK_UP.LINK_UP_CLOSED': 'This link-up has ended, so it cannot change.',
    'LINK_UP.LINK_UP_PAUSED': 'This link-up is paused. Resume it first.',
    'LINK_UP.ALREADY_PAUSED': 'This link-up is already paused.',
    'LINK_UP.NOT_PAUSED': 'This link-up is not paused.',
    'LINK_UP.ALREADY_IN_STAGE': 'The link-up is already at that stage.',
    'LINK_UP.WRONG_DIRECTION': 'The link-up cannot go that way from its stage.',
    'LINK_UP.STAGE_SKIP_NOT_ALLOWED': 'The link-up moves one stage at a time.',
    'LINK_UP.NO_NEXT_STAGE': 'This is the last stage: complete the link-up instead.',
    'LINK_UP.NO_PREVIOUS_STAGE': 'This is the first stage: there is no stage before it.',
    'LINK_UP.NOT_IN_FINAL_STAGE': 'A link-up is completed from its last stage, “Doing without”.',
    'LINK_UP.REASON_REQUIRED': 'Please give a reason.',
    'LINK_UP.NOTE_REQUIRED': 'Please add a note saying why.',
    'LINK_UP.INVALID_END_REASON': 'Choose one of the listed reasons for ending the link-up.',
    'LINK_UP.UNKNOWN_TARGET': 'That change is not possible. Please reload the page.',
    'LINK_UP.ALREADY_THE_COACH': 'That person is already the coach of this link-up.',
    'MATCH.CANDIDATE_NOT_ELIGIBLE':
      'One of the families chosen can no longer be offered. Refresh the suggestions.',
    'MATCH.CAPACITY_FULL': 'That Sharing family has no room for another link-up right now.',
    'MATCH.INVALID_INPUT': 'Please check the form: some answers are missing or not right.',
    'MATCH.NOT_A_SEEKING_FAMILY': 'That family is not a Seeking family.',
    'MATCH.NOT_A_SHARING_FAMILY': 'That family is not a Sharing family.',
    'MATCH.NOT_ON_SHORTLIST': 'That family is not on this shortlist.',
    'MATCH.PAIR_ALREADY_EXCLUDED': 'These two families are already marked never to be matched.',
    'MATCH.PROPOSAL_CLOSED': 'The decision about this shortlist has already been recorded.',
    'MATCH.SEEKING_FAMILY_ALREADY_LINKED': 'This Seeking family is already linked up with a Sharing family.',
    'MATCH.SEEKING_FAMILY_NOT_WAITING':
      'This Seeking family is not waiting to choose. Move it to “choosing” on its page first.',
    'SAFEGUARDING.CONCERN_CLOSED': 'This concern is closed.',
    'SAFEGUARDING.LINK_UP_EFFECT_NOT_APPLICABLE':
      'Resume or end only applies to a concern about a link-up. Choose “No change to the link-up”.',
    'SITE.NAME_TAKEN': 'There is already a site with that name.',
    'USER.CANNOT_DEACTIVATE_SELF': 'You cannot switch off your own account.',
    'USER.CURRENT_PASSWORD_WRONG': 'Your current password is not right.',
    'USER.EMAIL_TAKEN': 'There is already an account with that email.',
    'USER.FAMILY_NOT_ALLOWED': 'Only a family account belongs to a family.',
    'USER.FAMILY_REQUIRED': 'Choose the family this account belongs to.',
    'USER.INVALID_SUPERVISOR': 'Choose a supervisor of the same site.',
    'USER.PASSWORD_UNCHANGED': 'The new password must be different from the current one.',
    'USER.SITE_REQUIRED': 'Choose the site this account works at.',
    'USER.SUPERVISOR_NOT_ALLOWED': 'Only a coach has a supervisor.',
    'USER.UNKNOWN_FAMILY': 'That family does not exist. Choose another.',
    'USER.UNKNOWN_SITE': 'That site does not exist. Choose another.',
    // — matching and families (issue 14, webmatch) —
    'MATCH.NOT_AWAITING_ANSWER':
      'This shortlist is not waiting for the Sharing family’s answer any more. Reload the page to see where it is.',
    'MATCH.EXCLUSION_NOT_LIVE': 'This has already been lifted: the two families can be matched again.',
  } as Record<string, string>,

  form: {
    checkField: (field: string) => `Check “${field}”.`,
  },

  /** Names of form fields in the API's validation answers. */
  fields: {
    sharingFamilyIds: 'the shortlist (choose at least one family)',
    email: 'Email',
    password: 'Password',
    newPassword: 'New password',
    currentPassword: 'Current password',
    displayName: 'Household name',
    suburb: 'Suburb',
    reason: 'Reason',
    description: 'What is the concern?',
  } as Record<string, string>,

  /** The stage guards (what has to be done before a link-up moves on). */
  guards: {
    ACTIVE_GOAL_BY_SEEKING_FAMILY: 'The Seeking family has written at least one goal',
    CHECK_IN_COMPLETED_SINCE_START: 'A check-in has been held since the link-up started',
    BASELINE_MEASURE_RECORDED_OR_DECLINED: 'A baseline outcome measure is recorded (or declined)',
    GOAL_RATING_AFTER_BASELINE: 'A goal has been rated since the baseline',
    SMALL_WIN_RECORDED: 'At least one small win is logged',
    EXIT_MEASURE_RECORDED_OR_DECLINED: 'An exit outcome measure is recorded (or declined)',
    CLOSURE_CHECK_IN_COMPLETED: 'The closure check-in has been held',
    NO_OPEN_SAFEGUARDING_CONCERN: 'No safeguarding concern is open',
    NO_OPEN_URGENT_SAFEGUARDING_CONCERN: 'No urgent safeguarding concern is open',
    CLOSURE_REASON_GIVEN: 'A closure reason is given',
    MINIMUM_ACTIVE_WEEKS_IN_STAGE: 'The link-up has spent the minimum weeks in this stage',
  } as Record<string, string>,

  /** The Sharing family's approval guards. */
  approval: {
    TRAINING_COMPLETED: 'Training completed',
    WWCC_CURRENT_FOR_EVERY_ADULT: 'Every adult has a current Working With Children Check',
    PARTICIPATION_CONSENT: 'Consent to take part is recorded',
    COACH_SIGN_OFF: 'A coach signs the family off',
  } as Record<string, string>,

  stages: {
    relationship_building: 'Relationship building',
    doing_with: 'Doing with',
    doing_without: 'Doing without',
  } as Record<string, string>,

  /** Suggestions, shortlists, decisions, exclusions and the cohort (issue 14, webmatch). */
  matching: {
    cancel: 'Cancel',
    aSharingFamily: 'the Sharing family',
    shortlistFor: (name: string) => `Shortlist for ${name}`,
    offeredOn: (date: string) => `Offered on ${date}.`,
    status: {
      open: 'Waiting for the family’s choice',
      awaiting_sharing_family: 'Chosen — waiting for the Sharing family’s answer',
      chosen: 'Linked up',
      declined: 'The family declined every option',
      more_options_requested: 'The family asked for more options',
      sharing_family_declined: 'The Sharing family declined',
      withdrawn: 'Replaced or withdrawn',
    } as Record<string, string>,
    step1: (seeking: string) => `Step 1: what did ${seeking} decide?`,
    step1Hint:
      'Record what the family told you. Nothing is decided for them: if they have not decided yet, leave this for later.',
    decisionLegend: 'The family’s decision',
    choseOption: (name: string) => `They chose ${name}`,
    moreOptions: 'They asked for more options',
    declinedAll: 'They do not want any of these families',
    pickOne: 'Choose one of the answers above first.',
    recordChoice: 'Record the decision',
    confirmDeclineAllTitle: (seeking: string) => `Record that ${seeking} declined every family offered?`,
    confirmDeclineAllBody: (names: string) =>
      `${names} will not be suggested to them again. If this was a mistake you can lift it on the family’s record.`,
    confirmDeclineAll: 'Yes, record the decline',
    step2: (sharing: string) => `Step 2: ${sharing}’s answer`,
    waitingFor: (seeking: string, sharing: string) =>
      `${seeking} chose ${sharing}. Ask ${sharing} whether they would like to link up, then record their answer here. Until then nothing else happens.`,
    plannedWeeks: 'Planned length in weeks',
    plannedWeeksHint: '10 to 30 weeks; leave empty for the programme’s usual length.',
    accepted: (sharing: string) => `${sharing} said yes — start the link-up`,
    declinedByThem: (sharing: string) => `${sharing} said no`,
    confirmSharingDeclineTitle: (sharing: string) => `Record that ${sharing} said no?`,
    confirmSharingDeclineBody: (seeking: string, sharing: string) =>
      `This closes the shortlist, and ${sharing} will not be suggested to ${seeking} again. If it was a mistake, you can undo it here or on ${seeking}’s record.`,
    confirmSharingDecline: (sharing: string) => `Yes, ${sharing} said no`,
    linkedUp: (seeking: string, sharing: string) => `${seeking} and ${sharing} are linked up.`,
    openLinkUp: 'Open the link-up',
    sharingDeclined: (seeking: string, sharing: string) =>
      `${sharing} said no to linking up with ${seeking}, so they will not be suggested to each other again.`,
    allDeclined: (seeking: string) =>
      `${seeking} declined every family on this shortlist; those families will not be suggested to them again.`,
    moreOptionsAsked: (seeking: string) => `${seeking} asked for more options.`,
    withdrawnText: (seeking: string) =>
      `This shortlist is closed: ${seeking} was offered a newer one, or stopped waiting.`,
    whatNext: 'What next',
    findMore: (seeking: string) => `Find more Sharing families for ${seeking}`,
    backToFamily: (seeking: string) => `Open ${seeking}’s record`,
    undoTitle: 'Was a decline recorded by mistake?',
    undoButton: (sharing: string) => `Undo the decline of ${sharing}`,
    liftReason: 'Why is it being lifted?',
    liftReasons: {
      recorded_in_error: 'It was recorded by mistake',
      family_changed_mind: 'The family changed their mind',
      circumstances_changed: 'Circumstances have changed',
      other: 'Another reason',
    } as Record<string, string>,
    liftedAgain: (sharing: string) => `The decline is lifted: ${sharing} can be suggested and offered again.`,
    exclusionReasons: {
      known_to_each_other: 'They already know each other',
      declined: 'Declined',
      ended_badly: 'An earlier link-up ended badly',
      other: 'Another reason',
    } as Record<string, string>,
    fitWords: (percent: number) => `${percent}% fit`,
    partlyKnown: (knownFit: number, knownShare: number) =>
      `${knownFit}% on what is known (${knownShare}% of what we compare); each unknown fact counts as a neutral 50%.`,
    orderExplained:
      'Best fit first. The fit counts what is known about both families; a fact not yet recorded counts as a neutral 50%, so recording it can move a family up or down.',
    whyHeading: (name: string) => `Why ${name}`,
    suggestionsFor: (name: string) => `Suggestions for ${name}`,
    suggestionsIntro:
      'Sharing families that meet every must-have. Tick the ones to offer: the family chooses, and the Sharing family then says yes or no.',
    suggestedCount: (shown: number, of: number) => `Suggested (${shown} of ${of} Sharing families)`,
    noneSuggested:
      'No Sharing family meets every must-have right now. See why not below: often a fact on the family’s record (a language, an interpreter, availability) is what is missing.',
    addToShortlist: (name: string) => `Add ${name} to the shortlist`,
    onShortlist: (n: number) => (n === 1 ? '1 family on the shortlist.' : `${n} families on the shortlist.`),
    emptyShortlist: 'Tick at least one family above to offer a shortlist.',
    offer: 'Offer this shortlist to the family',
    previouslyDeclined: 'Declined before: offering it again overrides that decline.',
    away: (km: string) => `${km} km away`,
    whyNotHeading: (n: number) => `Why not the others (${n})`,
    noneLeftOut: 'No Sharing family was left out.',
    whyNotGroup: (label: string, n: number) => `${label} (${n})`,
    constraints: {
      status: 'Not approved to share right now',
      consent: 'Consent to take part not recorded',
      capacity: 'No spare place',
      site: 'Another site',
      exclusion: 'Marked never to be matched with this family',
      wwcc: 'A Working With Children Check is missing or runs out too soon',
      language: 'No language in common (and no interpreter arranged)',
      travel_distance: 'Too far to travel',
      avoidance: 'Something the family asked to avoid',
    } as Record<string, string>,
    editRecord: (name: string) => `Edit ${name}’s record`,
    showDeclined: 'Include families declined before',
  },

  time: {
    weeks: (n: number) => plural(n, 'week', 'weeks'),
    days: (n: number) => plural(n, 'day', 'days'),
    hours: (n: number) => plural(n, 'hour', 'hours'),
    overdueBy: (what: string) => `overdue by ${what}`,
    dueIn: (what: string) => `due in ${what}`,
    dueToday: 'due today',
  },
};

export type Catalogue = typeof en;

/** The catalogue for the person using the app (English only for now). */
export function useMessages(): Catalogue {
  return en;
}

/** The catalogue outside components (error descriptions, say). */
export const messages: Catalogue = en;
