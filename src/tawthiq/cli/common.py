"""What the ``tawthiq`` commands share: the ``--db`` option and opening the store it names."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import click

from tawthiq.errors import TawthiqError
from tawthiq.records import Failure

if TYPE_CHECKING:
    from tawthiq.store import Store

F = TypeVar("F", bound=Callable[..., object])
R = TypeVar("R")

DB_HELP = (
    "SQLite file, sqlite:/// URL or postgresql:// URL "
    "[default: $TAWTHIQ_DB, else tawthiq.db in your user data folder]"
)


@dataclass
class Settings:
    """Options that may come before or after the command name: ``tawthiq --db X ingest`` is
    ``tawthiq ingest --db X``."""

    db: str | None = None


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(Settings).db = value


def db_option(command: F) -> F:
    """Add ``--db PATH`` to a command or group; the value given last (closest to the command) wins."""
    option = click.option("--db", metavar="PATH", expose_value=False, callback=_remember_db, help=DB_HELP)
    return option(command)


@contextlib.contextmanager
def opened_store(ctx: click.Context) -> Iterator[Store]:
    """Open the store the command line names, turning a coded error into a clean exit (status 1)."""
    from tawthiq.store import open_store

    settings = ctx.find_object(Settings) or Settings()
    try:
        store = open_store(settings.db)
    except TawthiqError as error:
        raise click.ClickException(str(error)) from error
    with store:
        yield store


DATE = click.DateTime(formats=["%Y-%m-%d"])
FAILURES_LISTED = 20


def incident_filters(command: Callable[..., R]) -> Callable[..., R]:
    """The filters every command that reads incidents takes, the web app's list's own: they reach the
    command as one ``query`` (:class:`~tawthiq.store.base.IncidentQuery`)."""
    from tawthiq.review import STATUSES
    from tawthiq.store.base import SORTS, IncidentQuery

    @functools.wraps(command)
    def with_query(
        *args: object,
        since: dt.datetime | None,
        until: dt.datetime | None,
        admin1: str | None,
        event_type: str | None,
        perpetrator: str | None,
        status: str | None,
        min_killed: int | None,
        search: str | None,
        sort: str,
        **kwargs: object,
    ) -> R:
        query = IncidentQuery(
            since=since.date() if since else None,
            until=until.date() if until else None,
            admin1=admin1,
            event_type=event_type,
            perpetrator=perpetrator,
            status=status,
            min_killed=min_killed,
            text=search,
            sort=sort,  # type: ignore[arg-type]  # click.Choice(SORTS) checked it
        )
        return command(*args, query=query, **kwargs)

    options = [
        click.option(
            "--since", type=DATE, metavar="YYYY-MM-DD", help="Only incidents on or after this date."
        ),
        click.option(
            "--until", type=DATE, metavar="YYYY-MM-DD", help="Only incidents on or before this date."
        ),
        click.option(
            "--admin1", metavar="NAME", help="Only incidents in this governorate (e.g. Aleppo, Ar-Raqqa)."
        ),
        click.option("--event-type", metavar="TYPE", help="Only this ACLED event or sub-event type."),
        click.option("--perpetrator", metavar="NAME", help="Only incidents by this party (canonical name)."),
        click.option("--status", type=click.Choice(STATUSES), help="Only incidents with this verification."),
        click.option(
            "--min-killed",
            type=click.IntRange(min=0),
            metavar="N",
            help="Only incidents with N killed or more.",
        ),
        click.option(
            "--search",
            metavar="TEXT",
            help="Only incidents whose reports or place/actor names hold every word, in any Arabic spelling.",
        ),
        click.option(
            "--sort",
            type=click.Choice(SORTS),
            default="date",
            show_default=True,
            help="Order by date, killed, updated or sources; a leading - reverses it.",
        ),
    ]
    wrapped: Callable[..., R] = with_query
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped


def echo_failures(failures: Sequence[Failure]) -> None:
    """The first failures on stderr, each with its code and reason, and where to find the rest."""
    for failure in failures[:FAILURES_LISTED]:
        click.echo(f"  {failure.code} {failure.reason}", err=True)
    hidden = len(failures) - FAILURES_LISTED
    if hidden > 0:
        click.echo(f"  … and {hidden:,} more: `tawthiq failures` lists them all", err=True)
