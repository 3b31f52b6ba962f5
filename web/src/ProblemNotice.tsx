import { ApiProblem } from './api/problem';
import { t } from './i18n';

/** A problem in words, never a code or a stack: what happened and, for a 429, when the app tries again. */
export function problemText(problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return t('problem.generic', { detail: String(problem) });
  if (problem.status === 0) return t('problem.unreachable');
  if (problem.isRateLimited) return t('problem.retryIn', { seconds: problem.retryAfter ?? 5 });
  if (problem.isUnavailable) {
    const what = problem.part
      ? t('problem.partUnavailable', { part: t(`problem.parts.${problem.part}`) })
      : t('problem.unavailable');
    return [what, problem.detail].filter(Boolean).join(' ');
  }
  return problem.detail || t('problem.generic', { detail: problem.code });
}

export function ProblemNotice({ problem }: { problem: unknown }) {
  if (!problem) return null;
  return (
    <p class="notice notice-problem" role="alert">
      {problemText(problem)}
    </p>
  );
}
