/**
 * A person as other members see them where the club lets them see who is
 * going (`membersSeeWhoIsGoing`): first name and the initial of the last
 * ("Mia M."), the way the door kiosk shows people. One word stays as it is.
 */
export function firstNameAndInitial(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return parts[0] ?? '';
  const initial = [...parts[parts.length - 1]!][0]!;
  return `${parts[0]} ${initial.toLocaleUpperCase()}.`;
}
