"""Simulated coaches for the load script: log in, look at the start page and lists, open households, log contacts."""
import itertools
import random
import re
from datetime import date

from locust import HttpUser, between, task

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
HOUSEHOLD_LINK = re.compile(r'href="/households/(\d+)"')
ACCOUNTS = itertools.cycle([f"coach{n}@demo.gezinsaanpak.nl" for n in range(1, 7)])
PASSWORD = "demo-gezinsaanpak"


class Coach(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        page = self.client.get("/login", name="/login").text
        self.client.post("/login", data={"email": next(ACCOUNTS), "password": PASSWORD,
                                         "csrf_token": TOKEN.search(page).group(1)}, name="/login [POST]")
        listing = self.client.get("/my-households", name="/my-households").text
        self.households = HOUSEHOLD_LINK.findall(listing) or ["0"]

    @task(3)
    def start_page(self):
        self.client.get("/start", name="/start")

    @task(3)
    def my_households(self):
        self.client.get("/my-households", name="/my-households")

    @task(5)
    def household(self):
        self.client.get(f"/households/{random.choice(self.households)}", name="/households/<id>")

    @task(1)
    def log_contact(self):
        household = random.choice(self.households)
        form = self.client.get(f"/households/{household}/contacts/new", name="/households/<id>/contacts/new").text
        match = TOKEN.search(form)
        if match:
            self.client.post(f"/households/{household}/contacts/new",
                             data={"kind": "phone", "contact_on": date.today().isoformat(), "note": "Belafspraak",
                                   "csrf_token": match.group(1)}, name="/households/<id>/contacts/new [POST]")
