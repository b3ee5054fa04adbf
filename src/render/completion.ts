/**
 * Shell completion scripts, generated from the commander program itself (commands, options, choices)
 * and the content (stretch ids), so they never drift from what the tool accepts.
 */

export interface CompletionSpec {
  commands: { name: string; description: string; options: string[]; args: string[] }[];
  globals: string[];
  /** Values for options that take one from a list (--category, --level, --format, --only). */
  values: Record<string, string[]>;
  /** Options that take a file or a folder. */
  files: string[];
  dirs: string[];
}

const words = (list: readonly string[]) => list.join(' ');

export function bashCompletion(spec: CompletionSpec): string {
  const perCommand = spec.commands
    .map((c) => `    ${c.name}) opts="${words([...c.options, ...c.args])}" ;;`)
    .join('\n');
  const valueCases = Object.entries(spec.values)
    .map(([flag, values]) => `    ${flag}) COMPREPLY=( $(compgen -W "${words(values)}" -- "$cur") ); return ;;`)
    .join('\n');
  return `# bash completion for back-relief
# Install: back-relief completion bash > ~/.local/share/bash-completion/completions/back-relief
_back_relief() {
  local cur prev cmd opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --data-dir) ((i++)) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
${valueCases}
    ${spec.dirs.join('|')}) COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
    ${spec.files.join('|')}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  case "$cmd" in
    "") opts="${words(spec.commands.map((c) => c.name))}" ;;
${perCommand}
    *) opts="" ;;
  esac
  COMPREPLY=( $(compgen -W "$opts ${words(spec.globals)}" -- "$cur") )
}
complete -F _back_relief back-relief
`;
}

export function zshCompletion(spec: CompletionSpec): string {
  const quote = (s: string) => s.replace(/'/g, "'\\''").replace(/:/g, '\\:');
  const commandList = spec.commands.map((c) => `    '${c.name}:${quote(c.description)}'`).join('\n');
  const perCommand = spec.commands.map((c) => `    ${c.name}) opts=(${[...c.options, ...c.args].join(' ')}) ;;`).join('\n');
  const valueCases = Object.entries(spec.values)
    .map(([flag, values]) => `    ${flag}) compadd -- ${values.join(' ')}; return ;;`)
    .join('\n');
  return `#compdef back-relief
# zsh completion for back-relief
# Install: back-relief completion zsh > "\${fpath[1]}/_back-relief", then start a new shell.
_back_relief() {
  local -a commands opts
  local cmd i
  commands=(
${commandList}
  )
  for ((i = 2; i < CURRENT; i++)); do
    case "$words[i]" in
      --data-dir) ((i++)) ;;
      -*) ;;
      *) cmd="$words[i]"; break ;;
    esac
  done
  case "$words[CURRENT-1]" in
${valueCases}
    ${spec.dirs.join('|')}) _files -/; return ;;
    ${spec.files.join('|')}) _files; return ;;
  esac
  if [[ -z "$cmd" ]]; then
    _describe 'command' commands
    compadd -- ${words(spec.globals)}
    return
  fi
  case "$cmd" in
${perCommand}
  esac
  compadd -- $opts ${words(spec.globals)}
}
_back_relief "$@"
`;
}
