import { messages } from '../shared/messages';
import { ApiProblem } from './client';

/** Names of the stage guards in plain words (from the message catalogue). */
export const GUARD_WORDS: Record<string, string> = messages.guards;

function listOf(details: Record<string, unknown>, key: string): unknown[] {
  const value = details[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/**
 * One sentence (and optional bullet points) for a failed call, for people rather than programmers.
 * Every sentence comes from the catalogue (`messages.errors`): the API's own `message` is never shown.
 */
export function describeProblem(error: unknown): { text: string; points: string[] } {
  const words = messages.errors;
  if (!(error instanceof ApiProblem)) return { text: words.UNKNOWN, points: [] };
  if (error.code === 'VALIDATION_FAILED') {
    const points = listOf(error.details, 'fields').map((f) => {
      const field = String((f as { field?: string }).field ?? '');
      // A nested field ("avoidances.0.value") is named by its form field.
      const name = messages.fields[field] ?? messages.fields[field.split('.')[0] ?? ''];
      return messages.form.checkField(name ?? field.replace(/([a-z])([A-Z])/g, '$1 $2'));
    });
    return { text: words.VALIDATION_FAILED, points: [...new Set(points)] };
  }
  if (error.code === 'LINK_UP.GUARD_FAILED' && Array.isArray(error.details.openUrgentConcernIds)) {
    // A triage's resume refused: what to do, not the guard's name.
    const others = listOf(error.details, 'otherOpenUrgentConcernIds').length;
    const points = [
      ...(error.details.thisConcernWouldStayOpen === true ? [messages.safeguarding.resumeCloseThis] : []),
      ...(others > 0 ? [messages.safeguarding.resumeOthers(others)] : []),
    ];
    return { text: messages.safeguarding.resumeBlocked, points };
  }
  if (error.code === 'LINK_UP.GUARD_FAILED') {
    const points = listOf(error.details, 'unmetGuards').map((g) => messages.guards[String(g)] ?? String(g));
    return { text: words['LINK_UP.GUARD_FAILED'], points };
  }
  if (error.code === 'FAMILY.APPROVAL_GUARDS_UNMET') {
    const points = listOf(error.details, 'unmet').map((u) => {
      const guard = String((u as { guard?: string }).guard);
      return messages.approval[guard] ?? guard;
    });
    return { text: words['FAMILY.APPROVAL_GUARDS_UNMET'], points };
  }
  const known = words[error.code];
  if (known !== undefined) return { text: known, points: [] };
  if (error.status === 0) return { text: words.NETWORK, points: [] };
  return { text: error.status >= 500 ? words.SERVER : words.CLIENT, points: [] };
}
