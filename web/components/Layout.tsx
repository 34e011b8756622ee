import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { type Locale, LOCALES } from "../../api/contract/auth.ts";
import { LANGUAGE_NAME, pickMessages, t } from "../i18n/t.ts";
import { assetUrl, islandAssets } from "./assets.ts";
import { Island, type IslandName } from "./Island.tsx";
import { PostButton } from "./ui.tsx";
import { HeaderNotificationsContext, RealtimeTransportContext } from "./header_context.ts";
import NotificationMenu from "../islands/NotificationMenu.tsx";
import { NOTIFICATION_TEXT_KEYS } from "../lib/notifications.ts";

export type LayoutProps = {
  locale: Locale;
  title: string;
  /** Where the language switch comes back to (path and query of this page). */
  currentPath: string;
  /** Whether someone is signed in (header shows the dashboard link and the sign-out button). */
  isSignedIn: boolean;
  /**
   * The organization the nav links to (interviews, candidates, members): the page's own, or the
   * recruiter's first one on pages of no organization, so that the header keeps the same links.
   */
  orgId?: string;
  /** The islands on this page: their script is included only then. */
  islands?: IslandName[];
  /** "narrow" centers a single card (sign-in, sign-up); "wide" is for app pages. */
  width?: "narrow" | "wide";
  children: ComponentChildren;
};

/**
 * Dashboard, and the organization's interviews, candidates, members and API keys. The current page is marked
 * "page"; a page inside a section (one interview, one candidate) marks its section "true".
 */
function SignedInNav({ locale, orgId, currentPath }: LayoutProps) {
  const links: [string, string][] = [["/dashboard", t(locale, "navDashboard")]];
  if (orgId) {
    links.push([`/organizations/${orgId}/interviews`, t(locale, "navInterviews")]);
    links.push([`/organizations/${orgId}/candidates`, t(locale, "navCandidates")]);
    links.push([`/organizations/${orgId}/members`, t(locale, "navMembers")]);
    links.push([`/organizations/${orgId}/api-keys`, t(locale, "navApiKeys")]);
    links.push([`/organizations/${orgId}/requests`, t(locale, "navRights")]);
  }
  const path = currentPath.split("?")[0];
  const current = (href: string) => path === href ? "page" : path.startsWith(`${href}/`) ? "true" : undefined;
  return (
    <>
      {links.map(([href, label]) => <a href={href} key={href} aria-current={current(href)}>{label}</a>)}
    </>
  );
}

/** The page frame: header (brand, nav, language switch, sign-out), main content, footer. */
export function Layout(props: LayoutProps) {
  const { locale } = props;
  // The bell on every signed-in page of a member (resolved by the page's request, see web/lib/page.tsx).
  const header = useContext(HeaderNotificationsContext);
  const bell = props.isSignedIn ? header : null;
  const islands: IslandName[] = [...(props.islands ?? []), ...(bell ? ["NotificationMenu" as const] : [])];
  const assets = islands.length ? islandAssets(islands) : null;
  // Only pages with islands subscribe; the others need no token in their HTML.
  const realtime = useContext(RealtimeTransportContext);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t(locale, "brand")}`}</title>
        <link rel="stylesheet" href={assetUrl("styles.css")} />
        <link rel="icon" href={assetUrl("favicon.svg")} type="image/svg+xml" />
        {assets && realtime && <meta name="realtime-transport" content={JSON.stringify(realtime)} />}
        {assets && <script type="module" src={assets.entry} />}
        {assets?.preload.map((href) => <link rel="modulepreload" href={href} key={href} />)}
      </head>
      <body>
        <a class="skip-link" href="#main">{t(locale, "skipToContent")}</a>
        <header class="site-header">
          <div class="site-header-inner">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">R</span>
              <span class="brand-name">{t(locale, "brand")}</span>
            </a>
            <nav class="site-nav" aria-label={t(locale, "brand")}>
              {props.isSignedIn ? <SignedInNav {...props} /> : (
                <>
                  <a href="/signin">{t(locale, "navSignIn")}</a>
                  <a href="/signup">{t(locale, "navSignUp")}</a>
                </>
              )}
            </nav>
            <div class="header-actions">
              {bell && (
                <Island
                  name="NotificationMenu"
                  component={NotificationMenu}
                  props={{
                    locale,
                    userId: bell.userId,
                    unread: bell.unread,
                    items: bell.items,
                    text: pickMessages(locale, NOTIFICATION_TEXT_KEYS),
                  }}
                />
              )}
              <form method="post" action="/lang" class="lang-switch" aria-label={t(locale, "languageLabel")}>
                <input type="hidden" name="back" value={props.currentPath} />
                {LOCALES.map((lang) => (
                  <button
                    type="submit"
                    name="lang"
                    value={lang}
                    lang={lang}
                    title={t(locale, LANGUAGE_NAME[lang])}
                    aria-pressed={locale === lang ? "true" : "false"}
                    key={lang}
                  >
                    {lang.toUpperCase()}
                  </button>
                ))}
              </form>
              {props.isSignedIn && (
                <PostButton action="/signout" buttonClass="button button-ghost">
                  {t(locale, "signOut")}
                </PostButton>
              )}
            </div>
          </div>
        </header>
        <main id="main" class={props.width === "narrow" ? "main main-narrow" : "main"}>{props.children}</main>
        <footer class="site-footer">{t(locale, "footerNote")}</footer>
      </body>
    </html>
  );
}
