import { ApiProblem } from '../api/client';
import { messages, useMessages } from './messages';
import { Field } from './ui';

/** The least the API takes (PASSWORD_MIN_LENGTH): checked before asking, so the answer is a sentence. */
export const PASSWORD_MIN_LENGTH = 12;

export interface NewPassword {
  readonly password: string;
  readonly repeat: string;
}

export const NO_NEW_PASSWORD: NewPassword = { password: '', repeat: '' };

/**
 * What is wrong with a new password before it is sent (too short, or the two differ), as the
 * problem `ErrorMessage` shows; null when it may be sent.
 */
export function newPasswordProblem({ password, repeat }: NewPassword): ApiProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return new ApiProblem(400, 'PASSWORD.TOO_SHORT', messages.errors['PASSWORD.TOO_SHORT'] ?? '');
  if (password !== repeat)
    return new ApiProblem(400, 'PASSWORD.MISMATCH', messages.errors['PASSWORD.MISMATCH'] ?? '');
  return null;
}

/**
 * "New password" and "New password again", the same on every page that sets one (change password,
 * join, reset): labels, hint and autocomplete in one place. Check with `newPasswordProblem` on submit.
 */
export function NewPasswordFields({
  value,
  onChange,
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
}) {
  const m = useMessages().newPassword;
  return (
    <>
      <Field
        label={m.label}
        hint={m.hint}
        type="password"
        autoComplete="new-password"
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        required
      />
      <Field
        label={m.repeat}
        type="password"
        autoComplete="new-password"
        value={value.repeat}
        onChange={(repeat) => onChange({ ...value, repeat })}
        required
      />
    </>
  );
}
