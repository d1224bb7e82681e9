import type { MenuItem, ModifierGroup } from '@repo/contracts';

export interface GroupProblem {
  group_id: string;
  message: string;
}

export function ruleText(group: Pick<ModifierGroup, 'min' | 'max'>): string {
  if (group.min === 1 && group.max === 1) return 'Required · choose 1';
  if (group.min > 0)
    return group.min === group.max
      ? `Required · choose ${group.min}`
      : `Required · choose ${group.min} to ${group.max}`;
  return group.max === 1 ? 'Optional · up to 1' : `Optional · up to ${group.max}`;
}

/** The checks the API applies to modifier choices, run before an item enters the cart. */
export function checkChoices(
  item: MenuItem,
  selected: ReadonlyMap<string, readonly string[]>,
): GroupProblem[] {
  const problems: GroupProblem[] = [];
  for (const group of item.modifier_groups) {
    const chosen = selected.get(group.id) ?? [];
    const unavailable = group.modifiers.find((m) => chosen.includes(m.id) && !m.available);
    if (unavailable) {
      problems.push({ group_id: group.id, message: `${unavailable.name} is not available today.` });
    } else if (chosen.length < group.min) {
      problems.push({
        group_id: group.id,
        message:
          group.min === 1
            ? `Please choose a ${group.name.toLowerCase()}.`
            : `Please choose at least ${group.min}.`,
      });
    } else if (chosen.length > group.max) {
      problems.push({ group_id: group.id, message: `Choose at most ${group.max}.` });
    }
  }
  return problems;
}
