<?xml version="1.0" encoding="UTF-8"?>
<!-- Account: who, the balance, a top-up (paid through the payment
     gateway) and the balance ledger, newest first, a page at a time. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('account.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="a" select="account"/>
    <h1><xsl:value-of select="m:t('account.title')"/></h1>
    <nav class="actions" aria-label="{m:t('account.shortcuts')}">
      <a class="button" href="/services"><xsl:value-of select="m:t('nav.services')"/></a>
      <a class="button" href="/orders"><xsl:value-of select="m:t('nav.orders')"/></a>
    </nav>

    <div class="account-top">
      <section class="panel">
        <h2><xsl:value-of select="m:t('account.profile')"/></h2>
        <dl class="kv">
          <dt><xsl:value-of select="m:t('account.name')"/></dt>
          <dd><xsl:value-of select="$a/name"/></dd>
          <dt><xsl:value-of select="m:t('account.email')"/></dt>
          <dd><xsl:value-of select="$a/@email"/></dd>
        </dl>
      </section>

      <section class="panel" id="topup">
        <h2><xsl:value-of select="m:t('account.balance')"/></h2>
        <p class="total"><xsl:call-template name="money"><xsl:with-param name="v" select="$a/balance"/></xsl:call-template></p>
        <form class="stack" action="/account/topup" method="post">
          <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
          <xsl:variable name="err" select="/page/form-error[@field = 'amount']"/>
          <label class="field">
            <span><xsl:value-of select="m:t('topup.amount')"/></span>
            <input type="text" name="amount" inputmode="decimal" required="required" maxlength="12"
                   pattern="[0-9]+(\.[0-9]{{1,2}})?" placeholder="100.00" autocomplete="off">
              <xsl:if test="$err">
                <xsl:attribute name="aria-invalid">true</xsl:attribute>
                <xsl:attribute name="aria-describedby">amount-error</xsl:attribute>
                <xsl:attribute name="autofocus">autofocus</xsl:attribute>
              </xsl:if>
            </input>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'amount'"/></xsl:call-template>
            <span class="field-hint"><xsl:value-of select="m:t('topup.hint')"/></span>
          </label>
          <div class="actions">
            <button type="submit" class="primary"><xsl:value-of select="m:t('topup.submit')"/></button>
          </div>
        </form>
      </section>
    </div>

    <section class="ledger">
      <h2><xsl:value-of select="m:t('ledger.title')"/></h2>
      <xsl:choose>
        <xsl:when test="$a/ledger/entry">
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col"><xsl:value-of select="m:t('ledger.at')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('ledger.kind')"/></th>
                  <th scope="col" class="num"><xsl:value-of select="m:t('ledger.amount')"/></th>
                  <th scope="col" class="num"><xsl:value-of select="m:t('ledger.balance_after')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('ledger.related')"/></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$a/ledger/entry">
                  <tr>
                    <td><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></td>
                    <td>
                      <xsl:call-template name="label">
                        <xsl:with-param name="prefix" select="'ledger.kind.'"/>
                        <xsl:with-param name="value" select="@kind"/>
                      </xsl:call-template>
                    </td>
                    <td class="num">
                      <xsl:call-template name="signed-money"><xsl:with-param name="v" select="amount"/></xsl:call-template>
                    </td>
                    <td class="num">
                      <xsl:call-template name="money"><xsl:with-param name="v" select="balance-after"/></xsl:call-template>
                    </td>
                    <td>
                      <xsl:choose>
                        <xsl:when test="string(@order)">
                          <a href="/orders/{@order}"><xsl:value-of select="m:t('ledger.order', @order)"/></a>
                        </xsl:when>
                        <xsl:when test="string(@payment)">
                          <a href="/payments/{@payment}"><xsl:value-of select="m:t('ledger.payment', @payment)"/></a>
                        </xsl:when>
                        <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <xsl:call-template name="times-note"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:value-of select="m:t('ledger.empty')"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$a/ledger/@after or $a/ledger/@next">
        <nav class="pager" aria-label="{m:t('pager.label')}">
          <xsl:if test="$a/ledger/@after">
            <a href="/account"><xsl:value-of select="m:t('pager.first')"/></a>
          </xsl:if>
          <xsl:if test="$a/ledger/@next">
            <a class="next" rel="next" href="/account?after={$a/ledger/@next}"><xsl:value-of select="m:t('pager.next')"/></a>
          </xsl:if>
        </nav>
      </xsl:if>
    </section>
  </xsl:template>
</xsl:stylesheet>
