"""The command line speaks one language: CLI_LANGUAGE (Dutch unless configured otherwise), for our messages and
help texts and for Click's own words around them (usage, options, errors, prompts).

Click asks for its words through the standard library's `gettext`; `speak_cli_language` points it at our
catalogue instead, where the words below are translated with the rest. Our help texts are lazy strings,
rendered when shown (`cli._l`). Flask's own options (`--app`, `--debug`) keep Flask's English.
"""
import functools
from pathlib import Path

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types
from babel.support import NullTranslations, Translations
from flask import has_app_context
from flask_babel.speaklater import LazyString

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, gettext

CLICK_MODULES = (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui,
                 click.types)
# The catalogue for Click's words where no application context is left: Click reports a usage error or a
# ClickException after the command's context (and with it the application context) has closed.
outside_context = {"translations": NullTranslations()}


def click_gettext(message):
    if has_app_context():
        return gettext(message)
    return outside_context["translations"].ugettext(message)


def click_ngettext(singular, plural, n):
    """Dutch counts like English: one, and everything else."""
    return click_gettext(singular if n == 1 else plural)


def speak_cli_language(app) -> None:
    """Let Click find its words in our catalogue, in the application's CLI_LANGUAGE."""
    language = app.config.get("CLI_LANGUAGE")
    outside_context["translations"] = Translations.load(str(Path(app.root_path) / "translations"),
                                                        [language if language in LANGUAGES else DEFAULT_LANGUAGE])
    for module in CLICK_MODULES:
        if hasattr(module, "_"):
            module._ = click_gettext
        if hasattr(module, "ngettext"):
            module.ngettext = click_ngettext


def forget_cached_words(group: click.Group) -> None:
    """Click keeps each command's --help option, with its help text in the language of the first run: after a
    switch of language (another application in the same process, as in the tests) it is made anew."""
    for command in group.commands.values():
        command._help_option = None
        if isinstance(command, click.Group):
            forget_cached_words(command)


def _l(string):
    """A help text of the command line: translated when Click shows it, in the CLI language."""
    return LazyString(click_gettext, string)


# Click's words, as Click spells them, so that `translate update` keeps them in the catalogue.
CLICK_TEXTS = (
    _l("Usage:"), _l("Options"), _l("Commands"), _l("Positional arguments"), _l("Show this message and exit."),
    _l("Error: {message}"), _l("Try '{command} {option}' for help."), _l("Missing argument"), _l("Missing option"),
    _l("Missing parameter"), _l("Missing command."), _l("No such option {name!r}."), _l("No such command {name!r}."),
    _l("Invalid value for {param_hint}: {message}"), _l("Invalid value: {message}"), _l("Aborted!"),
    _l("Repeat for confirmation"), _l("Error: The two entered values do not match."), _l("Error: invalid input"),
    _l("Got unexpected extra argument ({args})"), _l("Got unexpected extra arguments ({args})"),
    _l("Option {name!r} requires an argument."), _l("Option {name!r} requires {nargs} arguments."),
    _l("Option {name!r} does not take a value."), _l("{value!r} is not {choice}."),
    _l("{value!r} is not one of {choices}."), _l("{value!r} does not match the format {format}."),
    _l("{value!r} does not match the formats {formats}."), _l("{value!r} is not a valid {number_type}."),
    _l("default: {default}"), _l("required"), _l("Did you mean {possibility}?"),
    _l("(Did you mean one of: {possibilities}?)"), _l("Do you want to continue?"),
)



class TranslatedOption(click.Option):
    """An option whose help is translated when shown; a plain Click option fixes it, in English, at import."""

    def __init__(self, *args, **kwargs):
        lazy = kwargs.get("help")
        super().__init__(*args, **kwargs)
        self.help = lazy

    def get_help_record(self, ctx):
        record = super().get_help_record(ctx)
        return record and (record[0], str(record[1]))


option = functools.partial(click.option, cls=TranslatedOption)
