"""Input rules: problems found while reading files, before there is a map to check.

The loader emits these codes; the classes here document them for `argmap rules`.
"""

from argmap.rules import Rule


class InputRule(Rule):
    from_loader = True


class YamlSyntax(InputRule):
    """The file is not valid YAML.

    Reported at the line and column where libyaml stopped, with its reason. Control characters
    (raw, not escaped inside double quotes), more than 100 levels of nesting, a second document
    (`---`) and an anchor defined twice are syntax errors too.

    Fails:

        claims:
          - id: a
            text: "unclosed

    Passes:

        claims:
          - id: a
            text: "closed"
    """

    code = "Y001"
    name = "yaml-syntax"


class DuplicateKey(InputRule):
    """A mapping has the same key twice.

    YAML loaders keep only the last value, so the first is silently lost; argmap refuses it.

    Fails:

        - id: a
          text: First wording.
          text: Second wording.

    Passes:

        - id: a
          text: Second wording.
    """

    code = "Y002"
    name = "duplicate-key"


class UnsafeTag(InputRule):
    """A value carries a YAML tag other than the plain data types.

    Tags such as `!!python/object` could make a loader run code; argmap never constructs them.
    Only null, bool, int, float, str, timestamp, sequences and mappings are accepted.

    Fails:

        title: !!python/object/apply:os.system ["echo hi"]

    Passes:

        title: A plain string
    """

    code = "Y003"
    name = "unsafe-tag"


class AliasBomb(InputRule):
    """Aliases expand to far more values than the file writes ("billion laughs").

    Anchors and aliases are allowed, but a file whose aliases expand to more than 10,000
    values beyond a hundred per value written is refused before it is expanded.

    Fails:

        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... and so on

    Passes:

        defaults: &d {author: bondaz}
    """

    code = "Y004"
    name = "alias-bomb"


class ControlCharacter(InputRule):
    """A text holds a control character, written as a YAML escape (`"\\a"`, `"\\e"`, `"\\0"`).

    Prose has no use for them, and they are unsafe downstream: Graphviz cuts a text at NUL,
    SVG and HTML cannot hold most of them, and an escape character drives a terminal. Tab and
    line feed are allowed. Raw control characters are already a syntax error (Y001); files
    written by `argmap import` are checked the same way.

    Fails:

        - id: a
          text: "Ring the bell\\a"

    Passes:

        - id: a
          text: "Two lines,\\nthen a tab:\\tdone."
    """

    code = "Y013"
    name = "control-character"


class UnreadableFile(InputRule):
    """The file cannot be read as YAML text: empty, binary, not UTF-8, too large or not permitted.

    Also a link that is broken or leaves the map's folder, a pipe or device named `*.yaml`, a
    folder that cannot be listed, and a `map.yaml` that is a folder. Files over 16 MiB are
    refused from their size alone.

    Fails: a file saved as Latin-1 with `é` in it, an empty `claims.yaml`, an image named `.yaml`.

    Passes: any UTF-8 text file (a byte-order mark is accepted).
    """

    code = "Y005"
    name = "unreadable-file"


class NoManifest(InputRule):
    """The map's folder has no `map.yaml`.

    The manifest declares the authors, sources and positions that claims refer to.

    Fails: a folder with only `claims.yaml`.

    Passes: a folder with `map.yaml` (run `argmap init DIR` to start one).
    """

    code = "Y006"
    name = "no-manifest"


class UnknownField(InputRule):
    """A mapping has a field the format does not define (often a typo).

    The message suggests the closest allowed field name.

    Fails:

        - id: a
          txt: A claim.

    Passes:

        - id: a
          text: A claim.
    """

    code = "Y010"
    name = "unknown-field"


class WrongValue(InputRule):
    """A field's value has the wrong type or is not one of the allowed values.

    A `url` must be an absolute http, https or mailto link: the HTML views show it as a link,
    and a `javascript:` or `data:` link would run or show what the map's author chose.

    Fails:

        - id: a
          text: A claim.
          kind: hypothesis        # not a kind argmap knows
          tags: fact              # a list is needed

    Passes:

        - id: a
          text: A claim.
          kind: premise
          tags: [fact]
    """

    code = "Y011"
    name = "wrong-value"


class MissingField(InputRule):
    """A required field is missing; reported at the mapping that lacks it.

    Fails:

        - id: a

    Passes:

        - id: a
          text: A claim.
    """

    code = "Y012"
    name = "missing-field"
