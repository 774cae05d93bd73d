import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useUser } from '../../shared/session';
import { ActionForm, CheckboxGroup, Field, Loader, SelectField, useDraft } from '../../shared/ui';
import { useVocabularies } from '../../shared/vocabularies';
import { messages } from '../../shared/messages';
import { usePageTitle } from '../../shared/page-title';
import { FamilyList } from './family-list';

const EMPTY = {
  kind: 'seeking' as 'seeking' | 'sharing',
  displayName: '',
  suburb: '',
  postcode: '',
  languages: ['english'] as string[],
  goalThemes: [] as string[],
  strengths: [] as string[],
  interests: [] as string[],
  lifeExperiences: [] as string[],
};

export function FamiliesPage() {
  usePageTitle(messages.titles.families);
  const user = useUser();
  const navigate = useNavigate();
  const vocabularies = useVocabularies();
  const [draft, setDraft, clearDraft] = useDraft('register-family', EMPTY);

  async function register() {
    if (user.siteId === null) throw new Error('no site');
    const created = await unwrap(
      api.POST('/api/families', {
        body: {
          kind: draft.kind,
          displayName: draft.displayName.trim(),
          siteId: user.siteId,
          languages: draft.languages,
          ...(draft.suburb.trim() === '' ? {} : { suburb: draft.suburb.trim() }),
          ...(draft.postcode.trim() === '' ? {} : { postcode: draft.postcode.trim() }),
          interests: draft.interests,
          lifeExperiences: draft.lifeExperiences,
          ...(draft.kind === 'seeking' ? { goalThemes: draft.goalThemes } : { strengths: draft.strengths }),
        },
      }),
    );
    clearDraft();
    void navigate(`/coach/families/${created.id}`);
  }

  return (
    <>
      <h1>Families</h1>
      <FamilyList />

      <h2>Register a family</h2>
      {user.siteId === null ? (
        <p>Your account has no site, so it cannot register families.</p>
      ) : (
        <ActionForm label="Register a family" submitText="Register the family" action={register}>
          <SelectField
            label="Kind of family"
            value={draft.kind}
            onChange={(v) => setDraft({ kind: v })}
            options={[
              { value: 'seeking', label: 'Seeking family (going through tough times)' },
              { value: 'sharing', label: 'Sharing family (came through)' },
            ]}
          />
          <Field
            label="Household name"
            hint="How the family likes to be called, e.g. “The Nguyen family”."
            value={draft.displayName}
            onChange={(v) => setDraft({ displayName: v })}
            required
          />
          <div className="grid">
            <Field label="Suburb" value={draft.suburb} onChange={(v) => setDraft({ suburb: v })} />
            <Field label="Postcode" value={draft.postcode} onChange={(v) => setDraft({ postcode: v })} />
          </div>
          <Loader loaded={vocabularies} what="Loading the programme's lists">
            {(v) => (
              <div className="grid">
                <CheckboxGroup
                  legend="Languages"
                  options={v.languages ?? []}
                  selected={draft.languages}
                  onChange={(languages) => setDraft({ languages })}
                />
                {draft.kind === 'seeking' ? (
                  <CheckboxGroup
                    legend="What the family wants to work on"
                    options={v.goalThemes ?? []}
                    selected={draft.goalThemes}
                    onChange={(goalThemes) => setDraft({ goalThemes })}
                  />
                ) : (
                  <CheckboxGroup
                    legend="Strengths the family can share"
                    options={v.strengths ?? []}
                    selected={draft.strengths}
                    onChange={(strengths) => setDraft({ strengths })}
                  />
                )}
                <CheckboxGroup
                  legend="Life experiences"
                  options={v.lifeExperiences ?? []}
                  selected={draft.lifeExperiences}
                  onChange={(lifeExperiences) => setDraft({ lifeExperiences })}
                />
                <CheckboxGroup
                  legend="Interests"
                  options={v.interests ?? []}
                  selected={draft.interests}
                  onChange={(interests) => setDraft({ interests })}
                />
              </div>
            )}
          </Loader>
        </ActionForm>
      )}
    </>
  );
}
