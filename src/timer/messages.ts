/** What the timer says at each event, in words; shared by the terminal and the plain display. */
import { timeOfDay } from '../render/dates.js';
import { lengthText } from '../text/durations.js';
import type { TimerEvent, TimerStep } from './engine.js';

export const clockTime = (ms: number) => timeOfDay(new Date(ms));

export function stepName(step: TimerStep): string {
  const round = step.rounds > 1 ? ` (round ${step.round} of ${step.rounds})` : '';
  return step.type === 'break' ? `Skin break${round}` : `${step.kind === 'ice' ? 'Ice' : 'Heat'}${round}`;
}

const PUT_ON = { ice: 'Put the cold pack on now, wrapped in a cloth.', heat: 'Put the heat on now, with a cloth between it and the skin.' };
const TAKE_OFF = { ice: 'Take the cold pack off.', heat: 'Take the heat off.' };

export function eventMessage(event: TimerEvent, breakMs: number): string | null {
  switch (event.type) {
    case 'started':
      if (event.step.type === 'break') return `${stepName(event.step)}: ${lengthText(event.step.durationMs / 1000)}, until ${clockTime(event.at + event.step.durationMs)}. Let the skin recover.`;
      return `${stepName(event.step)}: ${lengthText(event.step.durationMs / 1000)}, ends at ${clockTime(event.at + event.step.durationMs)}. ${PUT_ON[event.step.kind]}`;
    case 'ended':
      if (event.step.type === 'break') return `Break over at ${clockTime(event.endedAt)}.`;
      return event.late
        ? `The ${event.step.kind} session ended at ${clockTime(event.endedAt)}, while the computer was asleep. ${TAKE_OFF[event.step.kind]}`
        : `${stepName(event.step)} done at ${clockTime(event.endedAt)}. ${TAKE_OFF[event.step.kind]}`;
    case 'interrupted':
      if (event.step.type === 'break') return `Stopped during the break at ${clockTime(event.endedAt)}.`;
      return `Stopped at ${clockTime(event.endedAt)} after ${lengthText(event.activeMs / 1000)}. ${TAKE_OFF[event.step.kind]}`;
    case 'finished':
      return `All done. The skin needs ${Math.round(breakMs / 60_000)} minutes before the next session: not before ${clockTime(event.at + breakMs)}.`;
  }
}

/** The desktop notification for an event: the end of a session or of a break, in the words of its line. */
export function notificationOf(event: TimerEvent, breakMs: number): { title: string; body: string } | null {
  if (event.type !== 'ended') return null;
  const body = eventMessage(event, breakMs);
  if (!body) return null;
  return { title: event.step.type === 'break' ? 'back-relief: break over' : `back-relief: ${event.step.kind} done`, body };
}
