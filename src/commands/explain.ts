/**
 * `back-relief explain [TOPIC]`: how the tool decides, what it advises and why, each page with the
 * sources it rests on. Numbers come from THRESHOLDS, so a page can never disagree with the decision.
 */
import type { CommandContext } from '../context.js';
import { RED_FLAG_LEVELS } from '../content/schema.js';
import { THRESHOLDS } from '../decision/time.js';
import { UsageError } from '../errors.js';
import { EVIDENCE_LABEL, LEVEL_TITLE } from '../render/labels.js';
import { wrap } from '../render/layout.js';
import { sanitizeLine } from '../render/sanitize.js';
import { closest } from '../text/suggest.js';

interface Page {
  about: string;
  /** The sources the page rests on; each is also named in the text where it applies. */
  sources: readonly string[];
  lines(ctx: CommandContext): string[];
}

const T = THRESHOLDS;

const redFlags: Page = {
  about: 'how triage turns answers into a level of care, and why each sign is there',
  sources: ['guide', 'nhs-back-pain', 'nice-cks-lbp', 'gcare-lbp', 'nhs-aaa', 'nhs-kidney-infection', 'nhs-pregnancy-back-pain'],
  lines(ctx) {
    const flags = ctx.content(['red-flags'])['red-flags'];
    return [
      'Triage asks about warning signs ("red flags"). Each sign has a level, from most to least serious:',
      ...RED_FLAG_LEVELS.map((l) => `  ${LEVEL_TITLE[l]}: ${flags.filter((f) => f.level === l).map((f) => f.summary).join('; ')}.`),
      '',
      'The verdict is the most serious level of any sign that applies; with none, it is SELF-CARE.',
      'An unanswered sign, or one you are not sure about, counts as applying: when in doubt, the tool escalates. In a terminal, an emergency sign ends the questions at once.',
      `Two signs follow from other answers, whatever their own answer was: pain for more than a week, once ${T.painOverWeekHours} hours (7 days) have passed since a known onset (the guide: pain lasting over a week despite home care); and pain that stops daily life, from a pain score of ${T.severePainScore} or more, because severe pain is reason enough to see a doctor (nhs-back-pain). In a terminal the pain score is asked before those signs, so the verdict always counts it.`,
      '',
      'Why the newer signs are there:',
      '  Sudden, severe pain in the back or belly with feeling faint, pale, grey or clammy skin, trouble breathing or collapsing can mean a burst aortic aneurysm, a swelling of the main artery in the belly: an emergency (nhs-aaa).',
      '  A pulsing feeling in the belly, like a heartbeat, can come from such a swelling before it bursts: see a doctor today (nhs-aaa).',
      '  Pain between the shoulder blades, rather than in the lower back, is less often a simple strain; the NHS asks for an urgent appointment (nhs-back-pain; nice-cks-lbp).',
      '  Burning when peeing, blood in the pee or pain in the side just under the ribs can mean a kidney infection, which needs treatment soon (nhs-kidney-infection).',
      '  A new kind of back pain when you are under 20 or over 50 is a long-standing reason to look for a serious cause, such as cancer (gcare-lbp; nice-cks-lbp). This tool is for adults: anyone under 16 with back pain should see a doctor.',
      '  Pregnancy, or a birth in the last 6 weeks: back pain is common then, but the midwife or doctor should know, and some stretches and heat on the belly are best avoided (nhs-pregnancy-back-pain; back-relief explain precautions).',
      '  "Severe injury" names what severe means (a car accident, a fall from a height or down the stairs, a blow to the back: nhs-back-pain). After a minor fall or strain, osteoporosis, long-term steroid tablets or an age over 65 make a broken bone in the spine possible: see a doctor today (nice-cks-lbp; gcare-lbp).',
      '  A weakened immune system (HIV, chemotherapy, long-term steroids or other such medicines), tuberculosis, injecting drugs or a recent serious infection raise the risk of an infection in the spine (nice-cks-lbp; gcare-lbp).',
      '',
      'The plan\'s "call emergency services if" list names only the emergency signs that could still appear, not an injury, which happened or did not.',
      'A --data-dir may reword a built-in sign or raise its level, never remove or lower it.',
      '',
      'Each sign cites its own sources: back-relief red-flags.',
    ];
  },
};

const iceOrHeat: Page = {
  about: 'ice, heat and the phases, by the time since the pain started',
  sources: ['guide', 'acp-2017', 'cochrane-heat-cold', 'malanga-2015', 'cleveland-clinic-back-spasms', 'sfh-heat-ice', 'nice-cks-lbp'],
  lines: () => [
    'Hours since the onset decide what the tool suggests first:',
    `  under ${T.iceOnlyBeforeHours} hours: ice or heat (ice is the usual habit)`,
    `  ${T.iceOnlyBeforeHours} to ${T.heatFromHours} hours: ice or heat`,
    `  from ${T.heatFromHours} hours: heat`,
    'In the first days ice is the usual habit (the guide: ice for the first 48-72 hours, heat after). Heat is fine from the first hour and has the better evidence: superficial heat is recommended for acute and subacute low back pain (acp-2017, moderate quality evidence), while there is too little evidence to judge cold (cochrane-heat-cold). So either is a good choice early. How each works: malanga-2015.',
    '',
    'Days since the onset decide the phase:',
    `  under ${T.subacuteFromDays} days: acute`,
    `  ${T.subacuteFromDays} to ${T.chronicAfterDays} days: subacute`,
    `  over ${T.chronicAfterDays} days (12 weeks): chronic`,
    'Source: acp-2017 (acute under 4 weeks, subacute 4-12, chronic over 12); the guide also calls over 12 weeks chronic.',
    '',
    `One session lasts ${T.sessionMinutes} minutes at most, then the skin needs at least ${T.breakMinutes} minutes off before the next of the same kind; longer on the skin risks burns and nerve damage. Always keep a cloth between the pack and the skin, and never use heat or ice while asleep (the guide; cleveland-clinic-back-spasms; sfh-heat-ice).`,
    'Rest a day or two at most, then move gently (the guide; nice-cks-lbp).',
    'Some conditions change this (reduced skin feeling, poor circulation, broken skin): back-relief explain precautions.',
  ],
};

const precautions: Page = {
  about: 'conditions that change what is safe at home: skin, circulation, osteoporosis, pregnancy',
  sources: ['sfh-heat-ice', 'brooke-wavell-2022', 'nhs-pregnancy-back-pain', 'heat-pregnancy'],
  lines: () => [
    'Precautions never change the verdict; they change what is safe at home. Triage asks about them after the warning signs; ice, heat, contrast and the routine ask when the journal has no answer yet. "I\'m not sure" counts as yes.',
    '',
    '  Less feeling in the skin where the pack would go (for example nerve damage from diabetes): you may not notice a burn or a cold injury. Heat and ice are for skin with normal feeling (sfh-heat-ice). Ice, heat and contrast sessions do not start until you confirm that a doctor or pharmacist has said they are safe for you (or --force).',
    '  Poor circulation, Raynaud\'s, or skin that reacts badly to cold: the same for ice and contrast (sfh-heat-ice). Heat alone is not held back.',
    '  Broken, burnt or irritated skin, or a rash, where the pack would go: never heat or ice over an open wound or graze (sfh-heat-ice); all three sessions are held back.',
    '  Osteoporosis, or steroid tablets taken for a long time: bending the spine far forward loads weakened bones, and the UK consensus on exercise for osteoporosis advises avoiding it (brooke-wavell-2022). The routine and the plan leave out cat-cow, child\'s pose and knee to chest unless a physiotherapist has shown them to you; naming one in --only asks you that first.',
    '  Pregnancy, or a birth in the last 6 weeks (asked among the warning signs, not twice): lying flat on your back for long, particularly after 16 weeks, can press on a large blood vessel and make you feel faint (nhs-pregnancy-back-pain), so the routine leaves out the stretches done lying on the back. Never put heat on the belly, and keep any heat on the back mild and short (heat-pregnancy: no NHS statement on heat was found).',
    '',
    'Without a terminal, a timer whose precautions are unknown starts with a warning; one held back by a precaution needs --force.',
  ],
};

const painRelief: Page = {
  about: 'medicines for back pain: what guidelines recommend, and who should ask first',
  sources: ['acp-2017', 'nice-ng59', 'nhs-inform-nsaids', 'guide'],
  lines: () => [
    'Pain relief is there to keep you moving, which is what helps a back recover.',
    '',
    'Anti-inflammatory painkillers (NSAIDs, such as ibuprofen) are recommended by guidelines for low back pain, at the lowest dose that works for the shortest time (acp-2017; nice-ng59). Paracetamol on its own is not recommended for low back pain (nice-ng59).',
    'Follow the label, or what the pharmacist says: this tool never gives a dose.',
    'Ask a pharmacist or a doctor before taking one if you are over 65, pregnant or breastfeeding, have asthma, have had a stomach ulcer, have heart, kidney, liver, blood pressure or circulation problems, or take other medicines, such as blood thinners (nhs-inform-nsaids).',
    'A menthol cream or gel can take the edge off for a while; its support is the guide\'s word and common practice.',
    'If that is not enough, a doctor may prescribe a muscle relaxant for a short time (acp-2017). Opioids are not a routine treatment for new low back pain (nice-ng59).',
  ],
};

const causes: Page = {
  about: 'why backs seize up, and why most back pain is not serious damage',
  sources: ['ninds-2020', 'guide', 'lau-2019', 'allegri-2016', 'osullivan-2020', 'nhs-inform-back'],
  lines: () => [
    'About 80% of adults have low back pain at some point in their lives (ninds-2020).',
    'A back spasm is a muscle tightening on its own. Most follow a strain: lifting badly, a sudden twist, a hard workout without a warm-up, or long hours in one posture (the guide).',
    'Stress keeps muscles tense, and losing water and salts through sweat is said to make cramps more likely. Both are common-practice advice rather than proven causes of back spasms: the study usually quoted tested calf cramps in ten men after exercise in the heat (lau-2019).',
    'Sometimes the muscles tighten to guard a problem underneath, such as a disc, a narrowed spinal canal or arthritis (the guide). In long-lasting pain, specialists can often trace a specific source, such as a joint, a disc or a nerve, and treat it (allegri-2016).',
    'Back pain is rarely a sign of serious damage: the spine is strong, and moving is safe and helps (osullivan-2020; nhs-inform-back). The warning signs that are the exceptions are what back-relief triage checks.',
  ],
};

const doctorVisit: Page = {
  about: 'what happens at an appointment, and why scans are rarely needed at first',
  sources: ['nice-ng59', 'nhs-inform-back', 'brinjikji-2015', 'acp-2017'],
  lines: () => [
    'The doctor (or a physiotherapist) asks when and how it started, where it hurts, what makes it better or worse, and about the warning signs; then looks at your back and may test the feeling, strength and reflexes in your legs.',
    'Scans are rarely needed at first. Guidelines advise against routine imaging for low back pain (nice-ng59), and an X-ray or MRI is not normally needed (nhs-inform-back). One reason: in people with no back pain at all, scans at age 50 show a worn disc in 80% and a bulging (protruding) disc in 36% (brinjikji-2015), so a finding is often normal ageing, not the cause of the pain.',
    'A scan is used when a warning sign points to something serious, or when its result would change the treatment (nice-ng59).',
    'Treatment usually means staying active, pain relief and exercise, with physiotherapy if it lasts (nice-ng59; acp-2017).',
    'What to bring: when it started, your pain scores, what you have tried and what helped, and your medicines. back-relief export makes that summary.',
  ],
};

const outlook: Page = {
  about: 'how long it usually takes, and what lowers the chance of another episode',
  sources: ['nhs-back-pain', 'nhs-inform-back', 'acp-2017', 'osullivan-2020', 'ninds-2020', 'steffens-2016', 'guide'],
  lines: () => [
    'Most new episodes of low back pain ease within a few weeks (nhs-back-pain); many settle within 6 weeks (nhs-inform-back). Most people improve over time, whatever the treatment (acp-2017), and back pain does not get worse with age (osullivan-2020).',
    `The phases: acute under ${T.subacuteFromDays / 7} weeks, subacute to 12 weeks, chronic after (acp-2017). About one in five people with acute low back pain still have it a year later (ninds-2020).`,
    'It can come back. Exercise, especially with learning about the back, lowers the risk of another episode (steffens-2016); back-relief remedies --category prevention.',
    'If it is not clearly better after a week, or it stops your daily life, see a doctor (the guide; nhs-back-pain).',
  ],
};

const dailyLife: Page = {
  about: 'sleep positions, staying at work, sitting, driving and lifting',
  sources: ['mayo-sleep-positions', 'south-tees-back-pain', 'fcp-driving', 'guide', 'nice-cks-lbp', 'nhs-back-pain'],
  lines: () => [
    'Sleep: on your side with your knees drawn up a little and a pillow between them, or on your back with a pillow under your knees (mayo-sleep-positions).',
    'Work: stay at work if you can, or go back as soon as you are able; you do not need to be free of pain, and a gradual return can help (south-tees-back-pain).',
    'Sitting: set up your chair and screen so you can sit upright without strain, and stand up and move every so often (the guide).',
    'Driving: adjust the seat so you sit upright with support for your lower back, take breaks on long journeys to move about, and get in and out without twisting (fcp-driving).',
    'Lifting: bend at the knees, keep the load close and turn with your feet, not your back (the guide).',
    'Above all, stay as active as you can; staying in bed slows recovery (nice-cks-lbp; nhs-back-pain).',
  ],
};

const journal: Page = {
  about: 'what is recorded, where, and how it is kept safe',
  sources: [],
  lines: () => [
    'The journal is one file, journal.jsonl, in $BACK_RELIEF_HOME, or $XDG_STATE_HOME/back-relief (when absolute), or ~/.local/state/back-relief (Linux), ~/Library/Application Support/back-relief (macOS), %LOCALAPPDATA%\\back-relief (Windows).',
    'It holds one JSON object per line: onset, onset-cleared, pain, session, triage, check-in, routine and precautions lines. Lines are only ever appended, each in one write flushed to disk, so two terminals at once or a crash lose nothing.',
    'The folder is private (0700) and so is the file (0600); a looser mode is tightened when they are opened (on a read-only disk, reading goes on with a warning). Another user\'s folder or journal that lets others in is refused.',
    'A line that cannot be read is skipped and reported once; it is never removed from the journal. The first 1000 such lines are copied to journal.quarantine.jsonl (each with its place, length, fingerprint and first 2 kB); any more are counted in the warning.',
    'Every entry is checked before it is written, so the journal never holds a line it cannot read back.',
    'Nothing leaves your computer: the tool never uses the network. back-relief export makes a summary you can choose to share.',
  ],
};

const sources: Page = {
  about: 'where the content comes from and how strong the evidence is',
  sources: [],
  lines(ctx) {
    const { sources: all } = ctx.content(['emergency-sources']);
    const care = all.filter((s) => s.kind !== 'emergency number');
    const numbers = all.length - care.length;
    return [
      'Every stretch, remedy, red flag, precaution and threshold cites at least one source, and so does every page of back-relief explain; a test fails if a cited source is missing or a source is cited nowhere.',
      'Each remedy shows how strong its evidence is:',
      ...Object.entries(EVIDENCE_LABEL).map(([id, label]) => `  ${label} (${id})`),
      '  guideline: a clinical practice guideline recommends it; research: studies support it, no guideline recommends it for this use; common-practice: widely advised, little direct evidence; not-recommended: a guideline advises against it. A remedy may add a caveat beside its label, such as guidelines that disagree.',
      '',
      'The starting point was a blog post on back spasm relief by a maker of a menthol cream (guide); its facts were checked against clinical guidelines and reviews, and anything resting on it alone is labelled common practice. Brands and sales claims were left out.',
      `Sources (${care.length}): ${care.map((s) => s.id).join(', ')}. Besides these, ${numbers} sources back the emergency numbers of each country (back-relief config set country). Full citations: back-relief sources.`,
    ];
  },
};

export const PAGES = {
  'red-flags': redFlags,
  'ice-or-heat': iceOrHeat,
  precautions,
  'pain-relief': painRelief,
  causes,
  'doctor-visit': doctorVisit,
  outlook,
  'daily-life': dailyLife,
  journal,
  sources,
} as const satisfies Record<string, Page>;
type Topic = keyof typeof PAGES;

export const TOPICS = Object.fromEntries(Object.entries(PAGES).map(([topic, page]) => [topic, page.about])) as Record<Topic, string>;

export function explainCommand(ctx: CommandContext, topic: string | undefined): void {
  if (topic === undefined) {
    if (ctx.options.json) return ctx.json(Object.entries(TOPICS).map(([name, about]) => ({ topic: name, about })));
    ctx.out('Topics:');
    for (const [name, what] of Object.entries(TOPICS)) ctx.out(wrap(what, ctx.width, `  ${ctx.style.bold(name.padEnd(13))} `, ' '.repeat(16)).join('\n'));
    ctx.out('\nRead one with: back-relief explain ice-or-heat');
    return;
  }
  if (!Object.hasOwn(PAGES, topic)) {
    const guess = closest(topic, Object.keys(PAGES));
    throw new UsageError(`There is no topic "${sanitizeLine(topic)}".${guess ? ` Did you mean "${guess}"?` : ''} Topics: ${Object.keys(PAGES).join(', ')}.`);
  }
  const page = PAGES[topic as Topic];
  const lines = page.lines(ctx);
  if (ctx.options.json) return ctx.json({ topic, about: page.about, sources: page.sources, thresholds: THRESHOLDS, text: lines.filter(Boolean) });
  ctx.out(ctx.style.heading(`back-relief explain ${topic}`));
  ctx.out(wrap(`${page.about.charAt(0).toUpperCase()}${page.about.slice(1)}.`, ctx.width).join('\n'));
  ctx.out('');
  for (const line of lines) ctx.out(line === '' ? '' : wrap(line, ctx.width, line.startsWith('  ') ? '  ' : '', line.startsWith('  ') ? '    ' : '').join('\n'));
  if (page.sources.length) {
    ctx.out('');
    ctx.out(wrap(`Sources: ${page.sources.join(', ')} (back-relief sources)`, ctx.width).map((l) => ctx.style.dim(l)).join('\n'));
  }
}
