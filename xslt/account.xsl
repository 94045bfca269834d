<?xml version="1.0" encoding="UTF-8"?>
<!-- Account: who (the nickname can change), the balance with a top-up
     (paid through the payment gateway, when one is on), security (change
     the password, sign out everywhere) and the balance ledger, newest
     first, a page at a time. -->
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
    <xsl:call-template name="crumbs"><xsl:with-param name="here" select="m:t('account.title')"/></xsl:call-template>
    <h1><xsl:value-of select="m:t('account.title')"/></h1>
    <nav class="actions" aria-label="{m:t('account.shortcuts')}">
      <a class="button" href="/services"><xsl:value-of select="m:t('nav.services')"/></a>
      <a class="button" href="/orders"><xsl:value-of select="m:t('nav.orders')"/></a>
    </nav>

    <div class="account-top">
      <section class="panel" id="profile">
        <h2><xsl:value-of select="m:t('account.profile')"/></h2>
        <dl class="kv">
          <dt><xsl:value-of select="m:t('account.email')"/></dt>
          <dd><xsl:value-of select="$a/@email"/></dd>
        </dl>
        <form class="stack" action="/account/profile" method="post">
          <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
          <xsl:call-template name="field">
            <xsl:with-param name="name" select="'name'"/>
            <xsl:with-param name="label" select="m:t('account.name')"/>
            <xsl:with-param name="autocomplete" select="'nickname'"/>
            <xsl:with-param name="max" select="50"/>
            <xsl:with-param name="value" select="$a/name"/>
            <xsl:with-param name="first" select="false()"/>
            <xsl:with-param name="hint" select="m:t('register.name_hint')"/>
          </xsl:call-template>
          <div class="actions">
            <button type="submit"><xsl:value-of select="m:t('account.save_name')"/></button>
          </div>
        </form>
      </section>

      <section class="panel" id="topup">
        <h2><xsl:value-of select="m:t('account.balance')"/></h2>
        <p class="total"><xsl:call-template name="money"><xsl:with-param name="v" select="$a/balance"/></xsl:call-template></p>
        <xsl:choose>
          <xsl:when test="$a/@topup = '1'">
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
          </xsl:when>
          <xsl:otherwise>
            <p class="muted"><xsl:value-of select="m:t('topup.unavailable')"/></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>

      <section class="panel" id="security">
        <h2><xsl:value-of select="m:t('account.security')"/></h2>
        <form class="stack" action="/account/password" method="post">
          <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
          <h3><xsl:value-of select="m:t('account.change_password')"/></h3>
          <xsl:call-template name="field">
            <xsl:with-param name="name" select="'current'"/>
            <xsl:with-param name="type" select="'password'"/>
            <xsl:with-param name="label" select="m:t('account.current_password')"/>
            <xsl:with-param name="autocomplete" select="'current-password'"/>
            <xsl:with-param name="max" select="200"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="name" select="'password'"/>
            <xsl:with-param name="type" select="'password'"/>
            <xsl:with-param name="label" select="m:t('account.new_password')"/>
            <xsl:with-param name="autocomplete" select="'new-password'"/>
            <xsl:with-param name="max" select="200"/>
            <xsl:with-param name="hint" select="m:t('password.hint')"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="name" select="'password2'"/>
            <xsl:with-param name="type" select="'password'"/>
            <xsl:with-param name="label" select="m:t('register.password2')"/>
            <xsl:with-param name="autocomplete" select="'new-password'"/>
            <xsl:with-param name="max" select="200"/>
          </xsl:call-template>
          <p class="field-hint"><xsl:value-of select="m:t('account.password_signs_out')"/></p>
          <div class="actions">
            <button type="submit" class="primary"><xsl:value-of select="m:t('account.change_password')"/></button>
          </div>
        </form>
        <form class="stack signout-all" action="/account/sessions/end" method="post">
          <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
          <h3><xsl:value-of select="m:t('account.sessions')"/></h3>
          <p><xsl:value-of select="m:t('account.sessions_count', $a/@sessions)"/></p>
          <div class="actions">
            <button type="submit" class="danger"><xsl:value-of select="m:t('account.signout_everywhere')"/></button>
          </div>
        </form>
      </section>
    </div>

    <section class="ledger">
      <h2><xsl:value-of select="m:t('ledger.title')"/></h2>
      <xsl:choose>
        <xsl:when test="$a/ledger/entry">
          <div class="table-scroll">
            <table class="data stack">
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
                    <td data-label="{m:t('ledger.at')}"><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></td>
                    <td data-label="{m:t('ledger.kind')}">
                      <xsl:call-template name="label">
                        <xsl:with-param name="prefix" select="'ledger.kind.'"/>
                        <xsl:with-param name="value" select="@kind"/>
                      </xsl:call-template>
                    </td>
                    <td class="num" data-label="{m:t('ledger.amount')}">
                      <xsl:call-template name="signed-money"><xsl:with-param name="v" select="amount"/></xsl:call-template>
                    </td>
                    <td class="num" data-label="{m:t('ledger.balance_after')}">
                      <xsl:call-template name="money"><xsl:with-param name="v" select="balance-after"/></xsl:call-template>
                    </td>
                    <td data-label="{m:t('ledger.related')}">
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
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:value-of select="m:t('ledger.empty')"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="pager">
        <xsl:with-param name="href" select="'/account?'"/>
        <xsl:with-param name="list" select="$a/ledger"/>
      </xsl:call-template>
    </section>
  </xsl:template>
</xsl:stylesheet>
