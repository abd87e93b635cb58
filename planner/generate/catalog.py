"""Fixed catalogue the agency generator draws from: names, roles, rates and work templates.

Everything here is plain data so that :mod:`planner.generate.scenario` stays about *how* a scenario
is
put together. The lists are fixed (never shuffled in place), which keeps the generator
deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_NAMES: tuple[str, ...] = (
    *("Aino", "Eero", "Sanna", "Mikko", "Liisa", "Ville", "Helmi", "Juho", "Kaisa", "Otto"),
    *("Elina", "Antti", "Noora", "Lauri", "Emilia", "Tuomas", "Veera", "Onni", "Iida", "Joonas"),
    *("Linnea", "Aleksi", "Saara", "Eetu", "Minna", "Oskari", "Riikka", "Teemu", "Hanna", "Aapo"),
    *("Astrid", "Lars", "Ingrid", "Nils", "Freja", "Anders", "Sigrid", "Mats", "Maja", "Henrik"),
    *("Katja", "Petteri", "Jenni", "Ilkka", "Sofia", "Rasmus", "Tiina", "Kalle", "Outi", "Arttu"),
)
"""Finnish and Nordic first names."""

SURNAMES: tuple[str, ...] = (
    *("Virtanen", "Laine", "Nieminen", "Heikkinen", "Korhonen", "Salonen", "Mäkinen", "Koskinen"),
    *("Järvinen", "Lehtonen", "Hämäläinen", "Lehtinen", "Saarinen", "Niemi", "Kinnunen"),
    *("Turunen", "Salo", "Ahonen", "Rantanen", "Karjalainen", "Lindqvist", "Holmberg"),
    *("Nyström", "Eriksson", "Lindgren", "Sundberg", "Berg", "Dahl", "Strand", "Aalto"),
    *("Peltonen", "Kallio", "Hakala", "Aaltonen", "Manninen", "Lahtinen", "Koivisto"),
)
"""Finnish and Nordic surnames."""

CLIENTS: tuple[str, ...] = (
    *("Lumo Oat Drinks", "Kivi Café", "Tundra Outdoor", "Helmi Bank", "Sauna Co"),
    *("Revontuli Energy", "Saimaa Ferries", "Pohjola Insurance", "Marja Bakery", "Kide Games"),
    *("Routa Boots", "Vire Telecom", "Aalto Rooms", "Sisu Fitness", "Lakka Cosmetics"),
    *("Kuura Water", "Taiga Furniture", "Nordlys Hotels", "Halla Design", "Kaamos Festival"),
)
"""Fictional client names (Helsinki agency Kajo Creative)."""

COMMITMENT_KINDS: tuple[str, ...] = (
    *("retainer", "web shop", "annual report", "trade fair stand", "brand audit"),
    *("pitch", "app update", "internal training"),
)
"""What existing work for other clients is called in commitment labels."""


@dataclass(frozen=True)
class RoleProfile:
    """A role of the agency: its share of the staff, bill rate and a second role it may hold."""

    name: str
    share: float
    bill_rate: int
    second: str | None = None


ROLES: tuple[RoleProfile, ...] = (
    RoleProfile("designer", 0.24, 92, "art_director"),
    RoleProfile("copywriter", 0.14, 85, "social_media_manager"),
    RoleProfile("developer", 0.16, 98),
    RoleProfile("strategist", 0.08, 120, "account_manager"),
    RoleProfile("art_director", 0.08, 110, "designer"),
    RoleProfile("account_manager", 0.10, 105, "project_manager"),
    RoleProfile("motion_designer", 0.07, 100, "designer"),
    RoleProfile("project_manager", 0.07, 95, "account_manager"),
    RoleProfile("social_media_manager", 0.06, 75, "copywriter"),
)
"""Roles in order of importance: with few people the first ones are filled first."""

FALLBACK_ROLE: dict[str, str] = {
    "art_director": "designer",
    "motion_designer": "designer",
    "developer": "designer",
    "copywriter": "designer",
    "strategist": "copywriter",
    "account_manager": "strategist",
    "project_manager": "account_manager",
    "social_media_manager": "copywriter",
}
"""Who takes over a role's work when the team has nobody in that role."""


@dataclass(frozen=True)
class Step:
    """One task of a work template: agency work (role, hour range) or a client review."""

    key: str
    name: str
    role: str | None = None
    hours: tuple[float, float] = (0.0, 0.0)
    review_days: tuple[int, int] | None = None
    team: bool = False  # big enough to be shared by two people


def work(key: str, name: str, role: str, low: float, high: float, team: bool = False) -> Step:
    """An agency work step."""
    return Step(key, name, role, (low, high), team=team)


def review(key: str, name: str, low: int = 2, high: int = 5) -> Step:
    """A client review step of ``low``–``high`` working days."""
    return Step(key, name, review_days=(low, high))


@dataclass(frozen=True)
class Template:
    """A deliverable: stages run one after another; the steps of a stage run side by side."""

    name: str
    stages: tuple[tuple[Step, ...], ...]
    weight: float = 1.0

    @property
    def size(self) -> int:
        """Number of tasks the template produces."""
        return sum(len(stage) for stage in self.stages)


TEMPLATES: tuple[Template, ...] = (
    Template(
        "Campaign",
        (
            (work("strategy", "Campaign strategy", "strategist", 8, 24),),
            (review("strategy_review", "Client review of the strategy"),),
            (
                work("concept", "Creative concept", "art_director", 16, 40),
                work("headlines", "Concept headlines", "copywriter", 6, 16),
            ),
            (work("present", "Concept presentation", "account_manager", 2, 6),),
            (review("concept_review", "Client picks a concept route", 3, 5),),
            (work("key_visual", "Key visual", "designer", 24, 60, team=True),),
            (review("final_review", "Client approval of the campaign"),),
        ),
        weight=1.2,
    ),
    Template(
        "Website",
        (
            (
                work("ux", "Wireframes and UX", "designer", 16, 40),
                work("plan", "Project plan", "project_manager", 4, 12),
            ),
            (review("ux_review", "Client review of the wireframes", 3, 5),),
            (
                work("build", "Front-end build", "developer", 40, 120, team=True),
                work("content", "Web copy", "copywriter", 8, 24),
            ),
            (work("qa", "Testing and fixes", "developer", 8, 24),),
            (review("launch_review", "Client acceptance"),),
        ),
    ),
    Template(
        "Video",
        (
            (work("script", "Script", "copywriter", 6, 16),),
            (review("script_review", "Client review of the script"),),
            (
                work("storyboard", "Storyboard", "art_director", 8, 24),
                work("production", "Production planning", "project_manager", 3, 8),
            ),
            (work("animation", "Animation", "motion_designer", 24, 80, team=True),),
            (review("cut_review", "Client review of the cut", 2, 4),),
            (work("edit", "Final edit and versions", "motion_designer", 6, 16),),
        ),
        weight=0.8,
    ),
    Template(
        "Banner set",
        (
            (work("banners", "Display banners", "designer", 8, 24),),
            (review("banner_review", "Client review of the banners", 2, 3),),
            (work("resize", "Final sizes", "designer", 4, 12),),
        ),
        weight=1.3,
    ),
    Template(
        "Newsletter",
        (
            (work("copy", "Newsletter copy", "copywriter", 4, 10),),
            (work("layout", "Newsletter layout", "designer", 4, 10),),
            (review("approval", "Client approval", 2, 3),),
            (work("send", "Set up and send", "social_media_manager", 2, 4),),
        ),
    ),
    Template(
        "Brand refresh",
        (
            (work("audit", "Brand audit", "strategist", 12, 32),),
            (review("audit_review", "Client workshop on the audit", 3, 5),),
            (work("identity", "Identity proposals", "art_director", 24, 60),),
            (review("identity_review", "Client picks an identity", 3, 5),),
            (work("guidelines", "Brand guidelines", "designer", 16, 40, team=True),),
        ),
        weight=0.6,
    ),
    Template(
        "Pitch",
        (
            (work("research", "Market research", "strategist", 8, 20),),
            (work("deck", "Pitch deck", "designer", 8, 24),),
            (work("present", "Presentation to the client", "account_manager", 3, 6),),
        ),
        weight=0.7,
    ),
)
"""Deliverable templates of 3–8 tasks with client reviews between the stages."""

AD_HOC = work("adhoc", "Ad-hoc request", "designer", 2, 8)
"""A one-task job that fills the brief up to the exact task count."""


@dataclass(frozen=True)
class Retainer:
    """Recurring SLA work for one client: weekly (or monthly) steps in a fixed order."""

    name: str
    every: str
    steps: tuple[tuple[str, str, str, float, float, int], ...]  # key, name, role, hours, due_within


RETAINERS: tuple[Retainer, ...] = (
    Retainer(
        "Weekly posts",
        "week",
        (
            ("post_copy", "Weekly post copy", "copywriter", 3, 6, 2),
            ("post_visuals", "Weekly post visuals", "designer", 4, 8, 2),
        ),
    ),
    Retainer(
        "Community report",
        "week",
        (("report", "Weekly community report", "social_media_manager", 2, 4, 2),),
    ),
    Retainer(
        "Monthly newsletter",
        "month",
        (("newsletter", "Monthly newsletter", "copywriter", 6, 12, 5),),
    ),
)
"""Recurring work a client buys by the week or month."""
