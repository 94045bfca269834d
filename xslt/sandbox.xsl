<?xml version="1.0" encoding="UTF-8"?>
<!-- The sandbox payment gateway's own cashier page. It belongs to the
     payment provider, not the marketplace (it may live on a site of its
     own, sandbox_url): its own shell and header band, no marketplace
     navigation; the layout is imported only for its helpers. The form
     carries the provider's signed checkout fields back as they came, and
     the buyer's CSRF token: only the buyer who started the payment can
     confirm or cancel it. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="/">
    <xsl:variable name="c" select="page/checkout"/>
    <html lang="{page/@lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="no-referrer"/>
        <title><xsl:value-of select="m:t('sandbox.cashier')"/> · <xsl:value-of select="m:t('sandbox.brand')"/></title>
        <link rel="stylesheet" href="/static/site.css"/>
      </head>
      <body class="sandbox">
        <header class="sandbox-band">
          <div class="wrap">
            <span class="sandbox-brand">
              <span class="sandbox-mark" aria-hidden="true">S</span>
              <xsl:value-of select="m:t('sandbox.brand')"/>
            </span>
            <span class="sandbox-cashier-label"><xsl:value-of select="m:t('sandbox.cashier')"/></span>
            <span class="sandbox-test"><xsl:value-of select="m:t('sandbox.test_mode')"/></span>
          </div>
        </header>
        <main class="wrap">
          <xsl:apply-templates select="page/error" mode="sandbox"/>
          <xsl:if test="$c">
          <section class="sandbox-card">
            <p class="sandbox-merchant muted"><xsl:value-of select="m:t('sandbox.merchant', m:t('site.name'))"/></p>
            <p class="sandbox-amount-label"><xsl:value-of select="m:t('sandbox.amount')"/></p>
            <p class="total"><xsl:call-template name="money"><xsl:with-param name="v" select="$c/amount"/></xsl:call-template></p>
            <dl class="kv">
              <dt><xsl:value-of select="m:t('sandbox.subject')"/></dt>
              <dd><xsl:value-of select="$c/subject"/></dd>
              <dt><xsl:value-of select="m:t('sandbox.payment_no')"/></dt>
              <dd><xsl:value-of select="$c/@payment-no"/></dd>
            </dl>
            <xsl:choose>
              <xsl:when test="$c/@done">
                <p class="flash flash-info" role="status">
                  <xsl:choose>
                    <xsl:when test="$c/@done = 'succeeded'"><xsl:value-of select="m:t('sandbox.done_succeeded')"/></xsl:when>
                    <xsl:when test="$c/@done = 'cancelled'"><xsl:value-of select="m:t('sandbox.done_cancelled')"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="m:t('sandbox.done_other')"/></xsl:otherwise>
                  </xsl:choose>
                </p>
                <p><a href="{$c/@result}"><xsl:value-of select="m:t('sandbox.back')"/></a></p>
              </xsl:when>
              <xsl:otherwise>
                <form class="sandbox-form" action="/sandbox/pay" method="post">
                  <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
                  <xsl:for-each select="$c/param">
                    <input type="hidden" name="{@name}" value="{.}"/>
                  </xsl:for-each>
                  <div class="actions">
                    <button type="submit" class="primary" name="action" value="confirm">
                      <xsl:value-of select="m:t('sandbox.confirm')"/>
                    </button>
                    <button type="submit" name="action" value="cancel">
                      <xsl:value-of select="m:t('sandbox.cancel')"/>
                    </button>
                  </div>
                </form>
                <p class="muted"><xsl:value-of select="m:t('sandbox.explain')"/></p>
              </xsl:otherwise>
            </xsl:choose>
          </section>
          </xsl:if>
        </main>
        <footer class="sandbox-footer">
          <div class="wrap">
            <p><xsl:value-of select="m:t('sandbox.footer')"/></p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- An error at the cashier (a link that is not valid, another buyer's
       checkout): said here, with the way back to the marketplace. -->
  <xsl:template match="error" mode="sandbox">
    <section class="sandbox-card">
      <h1 class="sandbox-error"><xsl:apply-templates select="." mode="heading"/></h1>
      <p><xsl:apply-templates select="." mode="detail"/></p>
      <xsl:for-each select="back">
        <p><a class="button" href="{@href}"><xsl:value-of select="m:t(@key)"/></a></p>
      </xsl:for-each>
      <p class="muted"><xsl:value-of select="m:t('error.request_id', /page/@request-id)"/></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
