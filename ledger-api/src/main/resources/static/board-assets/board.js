// The board page: one quarter at a glance, drawn from the ledger's own API (the same JSON any client
// reads), so the page can never show a figure the API does not. All text goes in with textContent.
"use strict";

const projectId = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
const api = "/api/projects/" + encodeURIComponent(projectId);
const FIELDS = [["openingBalance"], ["contributed", "MONEY"], ["contributed", "HOURS"], ["contributed", "CODE"],
    ["contributed", "total"], ["fairShare"], ["settlementsPaid"], ["settlementsReceived"], ["closingBalance"]];
// Greys and black: the charts read the same on a black-and-white printer.
const KIND_COLOURS = {MONEY: "#111111", HOURS: "#777777", CODE: "#bbbbbb"};

let project;
const statements = {};
let balanceChart;
let kindsChart;

async function getJson(path) {
    const response = await fetch(path, {headers: {Accept: "application/json"}, credentials: "same-origin"});
    if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new Error(problem.detail || (path + " answered " + response.status));
    }
    return response.json();
}

function text(id, value) {
    document.getElementById(id).textContent = value;
}

function memberLabel(memberId) {
    const m = project.members.find(x => x.memberId === memberId);
    return m ? memberId + " " + m.name : memberId;
}

function figure(line, path) {
    return path.reduce((v, k) => (v == null ? undefined : v[k]), line);
}

function row(cells, memberId) {
    const tr = document.createElement("tr");
    if (memberId) {
        tr.dataset.member = memberId;
    }
    cells.forEach(([field, value], i) => {
        const td = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) {
            td.scope = "row";
        }
        td.dataset.field = field;
        td.textContent = value == null ? "" : value;
        tr.appendChild(td);
    });
    return tr;
}

function showStatement(period) {
    const s = statements[period];
    text("statement-period", s.period);
    text("statement-status", s.status);
    document.getElementById("statement-status").className = "status-" + s.status;
    text("status-note", s.status === "CLOSED" ? "(frozen: nothing can change this quarter)"
        : "(provisional: the quarter is open and its figures follow later bookings)");
    text("statement-digest", s.digest || "none yet");
    text("statement-total-value", s.totalValue);
    const body = document.querySelector("#statement tbody");
    body.replaceChildren(...s.members.map(m => row([["member", memberLabel(m.memberId)],
        ...FIELDS.map(f => [f.join("."), figure(m, f)])], m.memberId)));
    const t = s.totals;
    document.querySelector("#statement tfoot").replaceChildren(row([["member", "TOTAL"], ["openingBalance", ""],
        ...FIELDS.slice(1, 8).map(f => [f.join("."), figure(t, f)]), ["closingBalance", ""]], "TOTAL"));
    balanceChart.setOption({
        animation: false,
        grid: {left: 70, right: 10, top: 10, bottom: 60},
        xAxis: {type: "category", data: s.members.map(m => m.memberId), axisLabel: {rotate: 45}},
        yAxis: {type: "value"},
        tooltip: {trigger: "axis"},
        series: [{type: "bar", name: "closing balance", itemStyle: {color: "#444444"},
            // Figures stay exact strings everywhere else; only the chart's bar heights are approximate.
            data: s.members.map(m => Number(m.closingBalance))}]
    }, true);
    for (const a of document.querySelectorAll("[data-accept]")) {
        a.dataset.path = api + "/periods/" + s.period + "/statement" + (a.dataset.query || "");
        a.href = a.dataset.path;
    }
    document.title = "Board: " + project.name + " " + s.period;
}

function showKinds() {
    const periods = project.periods.map(p => p.period);
    kindsChart.setOption({
        animation: false,
        legend: {data: Object.keys(KIND_COLOURS), bottom: 0},
        grid: {left: 70, right: 10, top: 10, bottom: 60},
        tooltip: {trigger: "axis"},
        xAxis: {type: "category", data: periods},
        yAxis: {type: "value"},
        series: Object.entries(KIND_COLOURS).map(([kind, colour]) => ({
            type: "bar", name: kind, stack: "value", itemStyle: {color: colour, borderColor: "#000", borderWidth: 0.5},
            data: periods.map(p => Number(statements[p].totals.contributed[kind]))
        }))
    });
}

async function showSuggestions() {
    const suggested = await getJson(api + "/settlements/suggested");
    const list = document.getElementById("suggestions");
    list.replaceChildren(...suggested.transfers.map(t => {
        const li = document.createElement("li");
        li.textContent = memberLabel(t.from) + " pays " + memberLabel(t.to) + " " + t.amount + " " + project.currency;
        return li;
    }));
    document.getElementById("no-suggestions").hidden = suggested.transfers.length > 0;
}

// A link cannot set an Accept header, so the downloads fetch the statement in the asked-for format.
async function download(event) {
    event.preventDefault();
    const a = event.currentTarget;
    const response = await fetch(a.dataset.path, {headers: {Accept: a.dataset.accept}, credentials: "same-origin"});
    if (!response.ok) {
        showError(new Error("The download answered " + response.status));
        return;
    }
    const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
    const url = URL.createObjectURL(await response.blob());
    const save = document.createElement("a");
    save.href = url;
    save.download = name ? name[1] : "statement";
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function showError(e) {
    const p = document.getElementById("error");
    p.textContent = e.message;
    p.hidden = false;
}

async function start() {
    project = await getJson(api);
    text("project-name", project.name);
    text("project-id", project.projectId);
    document.querySelectorAll(".currency").forEach(el => el.textContent = project.currency);
    const loaded = await Promise.all(project.periods.map(p => getJson(api + "/periods/" + p.period + "/statement")));
    loaded.forEach(s => statements[s.period] = s);
    balanceChart = echarts.init(document.getElementById("balance-chart"), null, {renderer: "svg"});
    kindsChart = echarts.init(document.getElementById("kinds-chart"), null, {renderer: "svg"});
    const select = document.getElementById("period");
    select.replaceChildren(...project.periods.map(p => {
        const option = document.createElement("option");
        option.value = p.period;
        option.textContent = p.period + (p.status === "CLOSED" ? " (closed)" : " (open)");
        return option;
    }));
    // The quarter in the address, else the latest closed one (its statement is final), else the latest.
    const asked = new URLSearchParams(location.search).get("period");
    const closed = project.periods.filter(p => p.status === "CLOSED");
    const first = statements[asked] ? asked
        : (closed.length ? closed[closed.length - 1] : project.periods[project.periods.length - 1]).period;
    select.value = first;
    select.addEventListener("change", () => {
        history.replaceState(null, "", "?period=" + select.value);
        showStatement(select.value);
    });
    document.querySelectorAll("[data-accept]").forEach(a => a.addEventListener("click", download));
    document.getElementById("print").addEventListener("click", () => window.print());
    window.addEventListener("resize", () => {
        balanceChart.resize();
        kindsChart.resize();
    });
    // Charts are drawn at a size in pixels: on paper each gets half of an A4 landscape page.
    const forPaper = printing => [balanceChart, kindsChart].forEach(c => c.resize(printing
        ? {width: 480, height: 240} : {width: "auto", height: "auto"}));
    window.addEventListener("beforeprint", () => forPaper(true));
    window.addEventListener("afterprint", () => forPaper(false));
    window.matchMedia("print").addEventListener("change", e => forPaper(e.matches));
    showKinds();
    showStatement(first);
    await showSuggestions();
    document.body.dataset.ready = "true";
}

start().catch(showError);
